package dev.llmgateway.bench;

import dev.llmgateway.guard.text.PdfText;
import dev.llmgateway.guard.text.UnreadablePdfException;
import dev.llmgateway.testing.TestPdfs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The injection guard's reading of a PDF's text ({@link PdfText}), per document: ordinary documents of 1 and 100 pages,
 * and hostile ones at and past each bound (made with PDFBox by {@link TestPdfs}). Each is read
 * {@value #RUNS} times after 3 untimed reads; the table gives the median and the slowest in milliseconds, and what
 * the reading gave.
 * <p>
 * Run: {@code bench/pdfs}.
 */
public final class PdfReadingBenchmark {

    static final int RUNS = 10;
    private static final String LINE = "The quarterly figures of the Lima branch show revenue of 4.2 million, up "
            + "from 3.9.";

    private PdfReadingBenchmark() {
    }

    public static void main(String[] args) {
        String page = (LINE + "\n").repeat(40);
        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put("1 page of text", TestPdfs.withText(page));
        documents.put("100 pages of text", TestPdfs.withText(pages(page, 100)));
        documents.put("1,000 blank pages", TestPdfs.blankPages(PdfText.MAX_PAGES));
        documents.put("1,001 blank pages", TestPdfs.blankPages(PdfText.MAX_PAGES + 1));
        documents.put("310 pages of text (>1M chars)", TestPdfs.withText(pages(page, 310)));
        documents.put("60 MiB of spaces deflated", TestPdfs.inflatingTo(60L << 20));
        documents.put("200 MiB of spaces deflated", TestPdfs.inflatingTo(200L << 20));
        documents.put("forms: 10^6 operations", TestPdfs.nestedForms(2, 100));
        documents.put("forms: 10^8 operations", TestPdfs.nestedForms(3, 100));
        System.out.printf("PDF text per document, %d runs after 3%n", RUNS);
        System.out.printf("%-32s %10s %10s %10s  %s%n", "document", "bytes", "median ms", "max ms", "read");
        documents.forEach((name, pdf) -> {
            String outcome = read(pdf);
            for (int i = 0; i < 3; i++) {
                read(pdf);
            }
            double[] millis = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                read(pdf);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf("%-32s %10d %10.1f %10.1f  %s%n", name, pdf.length, millis[RUNS / 2], millis[RUNS - 1],
                    outcome);
        });
    }

    private static String[] pages(String page, int count) {
        String[] pages = new String[count];
        Arrays.fill(pages, page);
        return pages;
    }

    private static String read(byte[] pdf) {
        try {
            return PdfText.read(pdf).length() + " characters";
        } catch (UnreadablePdfException e) {
            return "refused: " + e.getMessage();
        }
    }
}
