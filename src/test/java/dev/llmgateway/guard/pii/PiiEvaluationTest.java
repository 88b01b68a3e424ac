package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures recall and precision per type on generated sentences: seeded valid values of every type embedded in
 * varied text, and negatives made of look-alikes (order numbers, versions, dates, UUIDs, SHAs, prices, numbers
 * failing Luhn, IBANs with bad checksums).
 */
class PiiEvaluationTest {

    private static final int PER_TYPE = 300;
    private static final int NEGATIVES = 3_000;
    private static final double MIN_RECALL = 0.99;
    private static final double MIN_PRECISION = 0.99;
    private static final double MAX_FALSE_POSITIVE_RATE = 0.01;

    private static final List<String> TEMPLATES = List.of("Please contact {v} about the invoice.", "My details: {v}.", "{v}",
            "Can you check whether {v} is correct?", "The log says: value={v} rejected", "Customer read out {v} on the call, twice.",
            "(see {v})", "Note to self — {v}, remember!", "Él dijo que su dato es {v} y nada más.", "值是 {v} 。",
            "Forward this to finance:\n{v}\nThanks, Ops", "\"{v}\" was in the CSV export", "Line 3: '{v}'");

    private static final Map<PiiType, List<Sample>> POSITIVES = new EnumMap<>(PiiType.class);
    private static final List<String> NEGATIVE_TEXTS = new ArrayList<>();
    private static final PiiRedactor REDACTOR = new PiiRedactor(PiiSettings.defaults());

    private record Sample(String text, int start, int end) {
    }

    @BeforeAll
    static void generate() {
        PiiSamples s = new PiiSamples(20240611L);
        positives(s, PiiType.EMAIL, s::email, "{v}");
        positives(s, PiiType.PHONE, s::phone, "{v}");
        positives(s, PiiType.CARD, s::card, "{v}");
        positives(s, PiiType.IBAN, s::iban, "{v}");
        positives(s, PiiType.SSN, s::ssn, "{v}", "SSN {v}");
        positives(s, PiiType.IPV4, s::ipv4, "{v}", "host {v}:8080");
        positives(s, PiiType.IPV6, s::ipv6, "{v}", "[{v}]:443");
        positives(s, PiiType.AWS_ACCESS_KEY, s::awsAccessKey, "{v}", "aws_access_key_id={v}");
        positives(s, PiiType.AWS_SECRET_KEY, s::awsSecretKey, "{v}", "aws_secret_access_key = {v}", "AWS_SECRET_ACCESS_KEY: {v}");
        positives(s, PiiType.JWT, s::jwt, "{v}", "token: {v}", "Authorization: Bearer {v}");
        positives(s, PiiType.BEARER_TOKEN, s::opaqueToken, "Authorization: Bearer {v}", "curl -H 'Authorization: bearer {v}' https://api.example.com");
        positives(s, PiiType.API_KEY, s::apiKey, "{v}", "OPENAI_API_KEY={v}");
        positives(s, PiiType.API_KEY, s::genericSecret, "api_key={v}", "\"client_secret\": \"{v}\"", "password: {v}", "X-Api-Key: {v}");
        positives(s, PiiType.URL_CREDENTIALS, s::urlUserInfo, "postgres://{v}@db.example.com:5432/app", "clone https://{v}@git.example.com/repo.git");
        List<Supplier<String>> lookAlikes = List.of(
                () -> "Order " + s.digits(6 + s.nextInt(4)) + " shipped on 2024-0" + (1 + s.nextInt(9)) + "-1" + s.nextInt(10) + ".",
                () -> "Order #" + s.digits(3) + "-" + s.digits(7) + "-" + s.digits(7) + " is delayed",
                () -> "Invoice INV-" + s.digits(8) + " totals $" + s.nextInt(5000) + "." + s.digits(2),
                () -> "Upgrade to version " + s.nextInt(20) + "." + s.nextInt(40) + "." + s.nextInt(30) + " before Friday",
                () -> "Windows build 10.0." + (19000 + s.nextInt(4000)) + "." + s.nextInt(3000),
                () -> "Meeting at " + s.nextInt(24) + ":" + String.format("%02d", s.nextInt(60)) + ":" + String.format("%02d", s.nextInt(60)) + " on 15/03/2024",
                () -> "Logged at 2024-03-" + (10 + s.nextInt(18)) + "T" + (10 + s.nextInt(13)) + ":" + (10 + s.nextInt(49)) + ":" + (10 + s.nextInt(49)) + "." + s.digits(3) + "Z",
                () -> "Request id " + s.uuid(),
                () -> "Commit " + s.gitSha(40) + " broke the build",
                () -> "Fixed in " + s.gitSha(7),
                () -> "Price: €" + s.nextInt(2000) + "," + s.digits(2) + " incl. VAT, was $1,299.99",
                () -> "Reference " + s.invalidCard() + " could not be matched",
                () -> "IBAN check failed for " + s.badIban(),
                () -> "Room " + s.digits(3) + ", ZIP " + s.digits(5) + ", ext. " + s.digits(4),
                () -> "The sha256 is " + s.gitSha(64),
                () -> "Batch " + s.digits(12) + " contains " + s.nextInt(900) + " items",
                () -> "Coordinates 48." + s.digits(6) + ", 2." + s.digits(6),
                () -> "Use the api_key parameter, e.g. api_key=YOUR_API_KEY_HERE",
                () -> "password: correcthorsebattery",
                () -> "Contact us via the support form at https://example.com/help?topic=" + s.digits(4),
                () -> "ISBN 978-" + s.digits(1) + "-" + s.digits(3) + "-" + s.digits(5) + "-" + s.digits(1),
                () -> "Pi to 16 places is 3.1415926535897932 and e is 2.718281828459045",
                () -> "Serial number SN" + s.digits(10) + "X"
        );
        for (int i = 0; i < NEGATIVES; i++) {
            NEGATIVE_TEXTS.add(lookAlikes.get(i % lookAlikes.size()).get());
        }
    }

    private static void positives(PiiSamples s, PiiType type, Supplier<String> values, String... contexts) {
        List<Sample> samples = POSITIVES.computeIfAbsent(type, t -> new ArrayList<>());
        int count = type == PiiType.API_KEY ? PER_TYPE / 2 : PER_TYPE;
        for (int i = 0; i < count; i++) {
            String value = values.get();
            String context = contexts[i % contexts.length];
            String inner = context.replace("{v}", value);
            String text = s.pick(TEMPLATES).replace("{v}", inner);
            int start = text.indexOf(inner) + context.indexOf("{v}");
            samples.add(new Sample(text, start, start + value.length()));
        }
    }

    private static List<PiiMatch> find(String text) {
        return REDACTOR.find(text, InspectionBudget.forCharacters(text.length()));
    }

    @Test
    void recallPrecisionAndFalsePositivesMeetTheGoal() {
        Map<PiiType, int[]> found = new EnumMap<>(PiiType.class);
        Map<PiiType, int[]> detections = new EnumMap<>(PiiType.class);
        StringBuilder failures = new StringBuilder();
        POSITIVES.forEach((type, samples) -> {
            for (Sample sample : samples) {
                List<PiiMatch> matches = find(sample.text());
                boolean hit = false;
                for (PiiMatch match : matches) {
                    boolean correct = match.type() == type && match.start() < sample.end() && sample.start() < match.end();
                    detections.computeIfAbsent(match.type(), t -> new int[2])[correct ? 0 : 1]++;
                    hit |= correct && match.start() <= sample.start() && match.end() >= sample.end();
                    if (!correct && failures.length() < 3_000) {
                        failures.append("  extra ").append(match.type()).append(" in: ").append(sample.text()).append('\n');
                    }
                }
                found.computeIfAbsent(type, t -> new int[2])[hit ? 0 : 1]++;
                if (!hit && failures.length() < 3_000) {
                    failures.append("  missed ").append(type).append(": ").append(sample.text()).append(' ').append(matches).append('\n');
                }
            }
        });
        int noisyNegatives = 0;
        for (String text : NEGATIVE_TEXTS) {
            List<PiiMatch> matches = find(text);
            if (!matches.isEmpty()) {
                noisyNegatives++;
                matches.forEach(m -> detections.computeIfAbsent(m.type(), t -> new int[2])[1]++);
                if (failures.length() < 6_000) {
                    failures.append("  false positive ").append(matches).append(" in: ").append(text).append('\n');
                }
            }
        }
        StringBuilder report = new StringBuilder("PII evaluation (type: recall, precision):\n");
        for (PiiType type : PiiType.values()) {
            report.append(String.format("  %-16s recall %6.2f%% (%d)  precision %6.2f%%%n", type, 100 * recall(found.get(type)),
                    POSITIVES.get(type).size(), 100 * precision(detections.get(type))));
        }
        double falsePositiveRate = (double) noisyNegatives / NEGATIVE_TEXTS.size();
        report.append(String.format("  negatives with any detection: %.2f%% of %d%n", 100 * falsePositiveRate, NEGATIVE_TEXTS.size()));
        System.out.print(report.append(failures));

        for (PiiType type : PiiType.values()) {
            assertThat(recall(found.get(type))).as("recall of " + type).isGreaterThanOrEqualTo(MIN_RECALL);
            assertThat(precision(detections.get(type))).as("precision of " + type).isGreaterThanOrEqualTo(MIN_PRECISION);
        }
        assertThat(falsePositiveRate).as("share of negatives with a detection").isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    private static double recall(int[] counts) {
        return counts == null ? 0 : (double) counts[0] / (counts[0] + counts[1]);
    }

    private static double precision(int[] counts) {
        return counts == null ? 1 : (double) counts[0] / (counts[0] + counts[1]);
    }
}
