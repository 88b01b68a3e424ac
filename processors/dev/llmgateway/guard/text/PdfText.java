package dev.llmgateway.guard.text;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF document, read with Apache PDFBox within bounds a hostile file cannot stretch: which filters its
 * streams use ({@link StreamFilters}) and what they inflate to ({@link DeflatedStreams}), both checked before PDFBox
 * reads the file, then its objects, its pages, the drawing operations run (a form drawn many times, or forms nested in forms,
 * repeat their operations) and the characters of text. Text in images is not read (no OCR). Thread-safe.
 */
public final class PdfText {

    /** The most pages read; a longer document is refused rather than read in part. */
    public static final int MAX_PAGES = 1_000;
    /** The most characters of text: about 250,000 tokens, more than any model's context the gateway serves. */
    public static final int MAX_CHARACTERS = 1_000_000;
    /** The most bytes the document's compressed streams may inflate to, counting the bytes read too. */
    public static final long MAX_INFLATED_BYTES = 64L * 1024 * 1024;
    /** The most objects the file may declare: each one parsed takes many times its bytes in memory. */
    public static final int MAX_OBJECTS = 200_000;
    /** The most drawing operations run, those of forms counted each time they are drawn. */
    public static final long MAX_OPERATIONS = 5_000_000;

    private PdfText() {
    }

    /**
     * @return the text of every page, in the order the document draws it
     * @throws UnreadablePdfException when the document is encrypted ({@link StreamFilters} finds it), is not a PDF
     *                                PDFBox can read, or passes a bound; its message says which, for the caller
     */
    public static String read(byte[] pdf) throws UnreadablePdfException {
        String filters = StreamFilters.refusal(pdf);
        if (filters != null) {
            throw new UnreadablePdfException(filters);
        }
        if (DeflatedStreams.inflatedBytes(pdf, MAX_INFLATED_BYTES) > MAX_INFLATED_BYTES) {
            throw new UnreadablePdfException("its compressed streams inflate to more than " + MAX_INFLATED_BYTES
                    + " bytes");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.getDocument().getXrefTable().size() > MAX_OBJECTS) {
                throw new UnreadablePdfException("it has more than the " + MAX_OBJECTS + " objects the gateway reads");
            }
            // counted in the page tree: its /Count is the file's word, which the stripper does not go by
            int pages = 0;
            for (PDPage ignored : document.getPages()) {
                if (++pages > MAX_PAGES) {
                    throw new UnreadablePdfException("it has more than the " + MAX_PAGES + " pages the gateway reads");
                }
            }
            BoundedStripper stripper = new BoundedStripper();
            BoundedWriter text = new BoundedWriter();
            stripper.writeText(document, text);
            return text.toString();
        } catch (BoundPassed e) {
            throw new UnreadablePdfException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            // PDFBox reports a damaged file with IOExceptions and, where its checks miss, runtime exceptions
            throw new UnreadablePdfException("it is not a well-formed PDF (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            // PDFBox walks a page tree by recursion, as deep as the file nests it; the stack is unwound by now
            throw new UnreadablePdfException("it nests its pages or objects too deeply to read");
        }
    }

    /**
     * PDFBox's text stripper, counting what it runs and reads. Duplicate-text suppression and article beads are off:
     * both compare each character with many others (time quadratic in a page's characters); a glyph drawn twice to
     * look bold is then read twice.
     */
    private static final class BoundedStripper extends PDFTextStripper {

        private long operations;
        private long characters;

        BoundedStripper() {
            setSuppressDuplicateOverlappingText(false);
            setShouldSeparateByBeads(false);
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operations > MAX_OPERATIONS) {
                throw new BoundPassed("drawing it takes more than " + MAX_OPERATIONS + " operations");
            }
            super.processOperator(operator, operands);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (++characters > MAX_CHARACTERS) {
                throw BoundPassed.characters();
            }
            super.processTextPosition(text);
        }
    }

    /** Collects the text, up to {@link #MAX_CHARACTERS}. */
    private static final class BoundedWriter extends StringWriter {

        @Override
        public void write(String text, int offset, int length) {
            if (getBuffer().length() + length > MAX_CHARACTERS) {
                throw BoundPassed.characters();
            }
            super.write(text, offset, length);
        }

        @Override
        public void write(char[] characters, int offset, int length) {
            write(new String(characters, offset, length), 0, length);
        }

        @Override
        public void write(String text) {
            write(text, 0, text.length());
        }
    }

    /** Unchecked, so PDFBox's lenient handling of a failed operation does not swallow it. */
    private static final class BoundPassed extends RuntimeException {

        BoundPassed(String message) {
            super(message, null, false, false);
        }

        static BoundPassed characters() {
            return new BoundPassed("it holds more than " + MAX_CHARACTERS + " characters of text");
        }
    }
}
