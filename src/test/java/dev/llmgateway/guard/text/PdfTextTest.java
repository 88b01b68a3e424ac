package dev.llmgateway.guard.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.testing.TestPdfs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.Test;

/** Real PDFs made with PDFBox: their text read, and the hostile ones refused within bounds, with the reason. */
class PdfTextTest {

    @Test
    void readsTheTextOfEveryPageInOrder() throws Exception {
        String text = PdfText.read(TestPdfs.withText("Quarterly report\nRevenue grew 4%.", "Page two: outlook."));

        assertThat(text).contains("Quarterly report").contains("Revenue grew 4%.").contains("Page two: outlook.");
        assertThat(text.indexOf("Revenue")).isLessThan(text.indexOf("outlook"));
    }

    @Test
    void aPdfWithoutTextReadsAsNoText() throws Exception {
        assertThat(PdfText.read(TestPdfs.blankPages(3))).isBlank();
    }

    @Test
    void anEncryptedPdfIsRefusedWithOrWithoutItsPasswordKnown() {
        assertThatThrownBy(() -> PdfText.read(TestPdfs.encrypted("Secret plans.", "hunter2")))
                .isInstanceOf(UnreadablePdfException.class).hasMessage("it is encrypted");
        assertThatThrownBy(() -> PdfText.read(TestPdfs.encrypted("Open to all.", "")))
                .isInstanceOf(UnreadablePdfException.class).hasMessage("it is encrypted");
    }

    @Test
    void filtersWhoseDecodingIsNotBoundedAreRefused() throws Exception {
        assertThat(PdfText.read(TestPdfs.withFilters("Deflated.", COSName.FLATE_DECODE))).contains("Deflated.");
        assertThatThrownBy(() -> PdfText.read(TestPdfs.withFilters("LZW.", COSName.LZW_DECODE)))
                .isInstanceOf(UnreadablePdfException.class).hasMessage("it encodes a stream with the filter "
                        + "'LZWDecode', which the gateway does not decode (it reads FlateDecode and leaves images "
                        + "undecoded)");
        assertThatThrownBy(() -> PdfText.read(TestPdfs.withFilters("Hidden deflate.", COSName.ASCII_HEX_DECODE,
                COSName.FLATE_DECODE))).isInstanceOf(UnreadablePdfException.class)
                .hasMessageContaining("the filter 'ASCIIHexDecode'");
    }

    @Test
    void filtersAreReadHoweverTheyAreSpelled() throws Exception {
        byte[] plain = TestPdfs.withText("Spelled.");
        assertThat(PdfText.read(respelled(plain, "/Filter [/Fl] /Sig << /Filter /Adobe.PPKLite >>")))
                .as("a signature's handler is no stream filter").contains("Spelled.");
        assertThatThrownBy(() -> PdfText.read(respelled(plain, "/Filt#65r [ % a comment\n /Fl /R#4c ]")))
                .isInstanceOf(UnreadablePdfException.class).hasMessageContaining("the filter 'RL'");
        assertThatThrownBy(() -> PdfText.read(respelled(plain, "/Filter 12 0 R")))
                .isInstanceOf(UnreadablePdfException.class)
                .hasMessage("it gives a stream's filters by reference, which the gateway does not read");
        assertThatThrownBy(() -> PdfText.read(respelled(plain, "/Filter [/FlateDecode" + " ".repeat(300) + "]")))
                .isInstanceOf(UnreadablePdfException.class)
                .hasMessage("it writes a stream's filters in a way the gateway does not read");
    }

    /** The file with its page's "/Filter /FlateDecode" written otherwise (its cross-references then off, as PDFBox
     * tolerates). */
    private static byte[] respelled(byte[] pdf, String filter) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("/Filter /FlateDecode");
        return text.replace("/Filter /FlateDecode", filter).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDamagedFileIsRefusedAsNotWellFormed() {
        assertThatThrownBy(() -> PdfText.read(TestPdfs.malformed()))
                .isInstanceOf(UnreadablePdfException.class).hasMessageStartingWith("it is not a well-formed PDF");
        assertThatThrownBy(() -> PdfText.read("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadablePdfException.class).hasMessageStartingWith("it is not a well-formed PDF");
    }

    @Test
    void moreThanTheMostPagesIsRefusedBeforeAnyIsRead() throws Exception {
        assertThat(PdfText.read(TestPdfs.blankPages(PdfText.MAX_PAGES))).isBlank();
        assertThatThrownBy(() -> PdfText.read(TestPdfs.blankPages(PdfText.MAX_PAGES + 1)))
                .isInstanceOf(UnreadablePdfException.class).hasMessage("it has more than the 1000 pages the gateway "
                        + "reads");

        byte[] lying = TestPdfs.claimingPages(TestPdfs.blankPages(PdfText.MAX_PAGES + 1), 1);
        assertThatThrownBy(() -> PdfText.read(lying)).as("the pages are counted, not the file's word for them")
                .isInstanceOf(UnreadablePdfException.class).hasMessageStartingWith("it has more than the 1000 pages");
    }

    @Test
    void aPageTreeNestedDeeperThanTheStackIsRefused() throws Exception {
        assertThat(PdfText.read(TestPdfs.deepPageTree(100))).isBlank();
        byte[] deep = TestPdfs.deepPageTree(100_000);

        assertThatThrownBy(() -> PdfText.read(deep)).isInstanceOf(UnreadablePdfException.class)
                .hasMessage("it nests its pages or objects too deeply to read");
    }

    @Test
    void moreThanTheMostObjectsIsRefusedBeforeAnyIsParsed() throws Exception {
        assertThat(PdfText.read(TestPdfs.withObjects(1_000))).contains("Many objects.");
        assertThatThrownBy(() -> PdfText.read(TestPdfs.withObjects(PdfText.MAX_OBJECTS)))
                .isInstanceOf(UnreadablePdfException.class)
                .hasMessage("it has more than the 200000 objects the gateway reads");
    }

    @Test
    void aDecompressionBombIsRefusedWithoutInflatingIt() throws Exception {
        byte[] bomb = TestPdfs.inflatingTo(200L * 1024 * 1024);
        assertThat(bomb.length).as("deflated about a thousand to one").isLessThan(400_000);

        assertThat(DeflatedStreams.inflatedBytes(bomb, PdfText.MAX_INFLATED_BYTES))
                .as("the count stops soon after the bound").isLessThan(PdfText.MAX_INFLATED_BYTES + (1 << 20));
        assertThatThrownBy(() -> PdfText.read(bomb)).isInstanceOf(UnreadablePdfException.class)
                .hasMessage("its compressed streams inflate to more than 67108864 bytes");
        assertThat(PdfText.read(TestPdfs.inflatingTo(4L * 1024 * 1024))).as("spaces within the bound").isBlank();
    }

    @Test
    void formsDrawnManyTimesOverAreStoppedAtTheMostOperations() throws Exception {
        assertThat(PdfText.read(TestPdfs.nestedForms(2, 100))).as("a million operations").isBlank();
        byte[] amplified = TestPdfs.nestedForms(3, 100);
        assertThat(amplified.length).isLessThan(10_000);

        assertThatThrownBy(() -> PdfText.read(amplified)).as("a hundred million operations from a small file")
                .isInstanceOf(UnreadablePdfException.class).hasMessage("drawing it takes more than 5000000 operations");
    }

    @Test
    void theInflatedBytesOfAnOrdinaryPdfAreAboutItsStreamsSize() {
        byte[] pdf = TestPdfs.withText("Hello, world.");

        assertThat(DeflatedStreams.inflatedBytes(pdf, PdfText.MAX_INFLATED_BYTES)).isBetween(1L, 10L * pdf.length);
    }

    @Test
    void moreThanTheMostCharactersIsRefused() {
        String line = "x".repeat(100);
        String page = (line + "\n").repeat(60);
        String[] pages = new String[PdfText.MAX_CHARACTERS / (100 * 60) + 1];
        Arrays.fill(pages, page);

        assertThatThrownBy(() -> PdfText.read(TestPdfs.withText(pages))).isInstanceOf(UnreadablePdfException.class)
                .hasMessage("it holds more than 1000000 characters of text");
    }
}
