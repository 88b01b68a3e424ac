package dev.llmgateway.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/** Real PDF files made with Apache PDFBox, for the tests of what the gateway reads in them. */
public final class TestPdfs {

    private TestPdfs() {
    }

    /** @return a PDF with one page per text, each line of it a line of the page (Helvetica, WinAnsi characters) */
    public static byte[] withText(String... pages) {
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    content.newLineAtOffset(40, 740);
                    for (String line : text.split("\n")) {
                        content.showText(line);
                        content.newLineAtOffset(0, -14);
                    }
                    content.endText();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a PDF of the text, encrypted (AES-256) so that it opens only with the password */
    public static byte[] encrypted(String text, String password) {
        try (PDDocument document = Loader.loadPDF(withText(text))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                    new AccessPermission());
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a PDF of the text whose page is encoded with these filters, the first decoded first */
    public static byte[] withFilters(String text, COSName... filters) {
        try (PDDocument document = Loader.loadPDF(withText(text))) {
            PDPage page = document.getPage(0);
            byte[] content;
            try (InputStream in = page.getContents()) {
                content = in.readAllBytes();
            }
            COSArray chain = new COSArray();
            for (COSName filter : filters) {
                chain.add(filter);
            }
            page.setContents(new PDStream(document, new ByteArrayInputStream(content), chain));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a PDF of that many blank pages */
    public static byte[] blankPages(int count) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < count; i++) {
                document.addPage(new PDPage());
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a one-page PDF whose page sits under {@code depth} nested page-tree nodes */
    public static byte[] deepPageTree(int depth) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            COSDictionary node = document.getPages().getCOSObject();
            COSBase page = ((COSArray) node.getDictionaryObject(COSName.KIDS)).get(0);
            for (int level = 0; level < depth; level++) {
                COSDictionary kid = new COSDictionary();
                kid.setItem(COSName.TYPE, COSName.PAGES);
                kid.setInt(COSName.COUNT, 1);
                node.setItem(COSName.KIDS, new COSArray(List.of(kid)));
                node = kid;
            }
            node.setItem(COSName.KIDS, new COSArray(List.of(page)));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a PDF of the text whose catalog also holds {@code count} empty objects */
    public static byte[] withObjects(int count) {
        try (PDDocument document = Loader.loadPDF(withText("Many objects."))) {
            COSArray objects = new COSArray();
            for (int i = 0; i < count; i++) {
                COSDictionary object = new COSDictionary();
                object.setDirect(false);
                objects.add(object);
            }
            document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Extra"), objects);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the PDF with its page tree's /Count, the number of pages the file claims, set to {@code count} */
    public static byte[] claimingPages(byte[] pdf, int count) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            document.getPages().getCOSObject().setInt(COSName.COUNT, count);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return a one-page PDF whose page content is {@code bytes} spaces deflated (a thousand to one): a decompression
     *         bomb when large
     */
    public static byte[] inflatingTo(long bytes) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDStream content = new PDStream(document);
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
                for (long written = 0; written < bytes; written += spaces.length) {
                    out.write(spaces, 0, (int) Math.min(spaces.length, bytes - written));
                }
            }
            page.setContents(content);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return a one-page PDF whose page draws a form that draws another {@code fanout} times, {@code depth} forms deep,
     *         the innermost {@code fanout} empty save-restore pairs: fanout to the power of depth + 1 pairs drawn
     */
    public static byte[] nestedForms(int depth, int fanout) {
        try (PDDocument document = new PDDocument()) {
            PDFormXObject form = form(document, "q Q\n".repeat(fanout), new PDResources());
            for (int level = 0; level < depth; level++) {
                PDResources resources = new PDResources();
                resources.put(COSName.getPDFName("F"), form);
                form = form(document, "/F Do\n".repeat(fanout), resources);
            }
            PDPage page = new PDPage();
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("F"), form);
            page.setResources(resources);
            page.setContents(new PDStream(document,
                    new ByteArrayInputStream("/F Do\n".getBytes(StandardCharsets.US_ASCII))));
            document.addPage(page);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFormXObject form(PDDocument document, String content, PDResources resources) throws IOException {
        PDFormXObject form = new PDFormXObject(new PDStream(document,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)), COSName.FLATE_DECODE));
        form.setBBox(new PDRectangle(0, 0, 100, 100));
        form.setResources(resources);
        return form;
    }

    /** @return bytes that start as a PDF and are not one */
    public static byte[] malformed() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
