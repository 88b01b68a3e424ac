package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.LinearReads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every detector, PII redaction as a whole and placeholder restoration read hostile text a number of times linear in
 * its length (the {@link LinearReads} harness over every adversarial class), and within the production budget.
 */
class PiiLinearityTest {

    private static final List<String> LEAD_WORDS = List.of("password", "Bearer", "SSN", "eyJ", "+1");

    @Test
    void everyDetectorReadsLinearly() {
        StringBuilder report = new StringBuilder("PII detectors, worst reads per character:\n");
        double worst = 0;
        for (Map.Entry<PiiType, PiiDetector> detector : StandardDetectors.create(PiiSettings.DEFAULT_PHONE_REGIONS).entrySet()) {
            double reads = LinearReads.assertLinear(detector.getKey().name(),
                    (text, budget) -> detector.getValue().find(text, budget), LEAD_WORDS);
            report.append(String.format("  %-16s %6.1f%n", detector.getKey(), reads));
            worst = Math.max(worst, reads);
        }
        System.out.print(report.append(String.format("  worst            %6.1f%n", worst)));
    }

    @Test
    void redactionReadsLinearly() {
        PiiRedactor redactor = new PiiRedactor(PiiSettings.defaults());
        double worst = LinearReads.assertLinear("PiiRedactor.find", redactor::find, LEAD_WORDS);
        System.out.printf("PiiRedactor.find, worst reads per character: %.1f%n", worst);
    }

    @Test
    void restorationReadsLinearly() {
        PlaceholderMap placeholders = new PlaceholderMap();
        placeholders.placeholderFor(PiiType.EMAIL, "jane@example.com");
        double worst = LinearReads.assertLinear("PlaceholderMap.restore",
                (text, budget) -> placeholders.restore(budget.meter(text)), LEAD_WORDS);
        System.out.printf("PlaceholderMap.restore, worst reads per character: %.1f%n", worst);
    }

    /** Within the inspection budget a text of its length gets: redact throws when a text would cost more. */
    @Test
    void theTextsThatOnceOverflowedTheStackOrTookSecondsAreReadWithinTheirBudget() {
        PiiRedactor redactor = new PiiRedactor(PiiSettings.defaults());
        PlaceholderMap placeholders = new PlaceholderMap();
        placeholders.placeholderFor(PiiType.EMAIL, "jane@example.com");
        List<String> texts = List.of("write to a@" + "xy.".repeat(10_000) + "com", "+1 202 555 0143, ".repeat(40_000),
                "2024-03-05 12:30, ".repeat(20_000), "<A" + "_1".repeat(100_000), "api_key=" + "a_b".repeat(100_000));
        for (String text : texts) {
            assertThatCode(() -> {
                redactor.redact(text, new PlaceholderMap(), InspectionBudget.forCharacters(text.length()));
                placeholders.restore(text);
            }).as(text.substring(0, 20)).doesNotThrowAnyException();
        }
        assertThat(redactor.redact("write to a@" + "xy.".repeat(10_000) + "com", new PlaceholderMap(),
                InspectionBudget.unlimited())).isEqualTo("write to <EMAIL_1>");
    }
}
