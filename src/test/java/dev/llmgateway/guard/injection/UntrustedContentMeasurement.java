package dev.llmgateway.guard.injection;

import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.guard.text.InspectionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the rows of a labeled TSV (label, text, source; e.g. ../shared/eval/injection-public.tsv, read where it lies,
 * never copied) as the caller's words and as untrusted data, and prints per source and label how many count as an
 * injection: the rules for a caller, the rules for data, and the rules for data with the classifier.
 * Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.llmgateway.guard.injection.UntrustedContentMeasurement FILE}
 */
public final class UntrustedContentMeasurement {

    private UntrustedContentMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        InjectionDetector detector = new InjectionDetector();
        UntrustedContentInspector inspector = new UntrustedContentInspector(detector);
        InjectionClassifier classifier = InjectionClassifier.bundled();
        Embedder embedder = new LocalMiniLmEmbedder();
        Map<String, int[]> counts = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String text = fields[1].replace("\\n", "\n").replace("\\t", "\t");
            int[] row = counts.computeIfAbsent(fields[2] + " | " + fields[0], k -> new int[4]);
            row[0]++;
            row[1] += detector.inspect(text).injection() ? 1 : 0;
            InjectionVerdict asData = inspector.inspect(text);
            row[2] += asData.injection() ? 1 : 0;
            row[3] += classifier.review(asData, text, InspectionBudget.forCharacters(text.length()),
                    () -> new PromptEmbeddings(embedder)).injection() ? 1 : 0;
        }
        System.out.println("| source | label | n | as the caller's words (rules) | as data (rules) | as data (rules + classifier) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        counts.forEach((key, row) -> System.out.println("| " + key + " | " + row[0] + " | " + row[1] + " | " + row[2]
                + " | " + row[3] + " |"));
    }
}
