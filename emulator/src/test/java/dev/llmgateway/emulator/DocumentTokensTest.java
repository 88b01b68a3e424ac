package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The document counting rules: PDF pages (page objects, not page tree nodes), text tokens, office bytes. */
class DocumentTokensTest {

    @Test
    void countsPageObjectsNotThePageTree() {
        assertThat(PdfPages.count(MediaSamples.pdf(3))).isEqualTo(3);
        assertThat(PdfPages.count(MediaSamples.pdf(1))).isEqualTo(1);
    }

    @Test
    void aPageObjectWithoutSpacesCountsAndAPdfWithoutVisiblePagesCountsOne() {
        byte[] compact = "%PDF-1.7\n<</Type/Pages/Count 2>><</Type/Page>><</Type/Page/Parent 2 0 R>>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PdfPages.count(compact)).isEqualTo(2);
        assertThat(PdfPages.count("%PDF-1.5\n<</Type/ObjStm/N 40>>stream".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(1);
    }

    @Test
    void aPdfCostsAFixedNumberPerPage() {
        assertThat(DocumentTokens.pdf(3)).isEqualTo(3 * DocumentTokens.PDF_PAGE_TOKENS).isEqualTo(4500);
    }

    @Test
    void aTextCostsItsTokensAndAnOfficeFileOnePerFourBytes() {
        assertThat(DocumentTokens.text("Quarterly revenue grew.")).isEqualTo(EmulatorTokenizer.count("Quarterly revenue grew."));
        assertThat(DocumentTokens.office(4096)).isEqualTo(1024);
        assertThat(DocumentTokens.office(4097)).isEqualTo(1025);
    }
}
