package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.guard.text.AdversarialTexts;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.LinearReads;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the cache reads of a query (its facts, its semantic text) and of an answer it replays takes a number of reads
 * linear in the text's length over every adversarial class; what it does with the facts (the near-miss guard) and the
 * exact key take time linear in them too.
 */
class QueryReadingLinearityTest {

    private static final List<String> LEAD_WORDS = List.of("from", "not", "March", "twenty", "install", "of");

    @Test
    void queryFactsAreReadLinearly() {
        double worst = LinearReads.assertLinear("QueryFacts", QueryFacts::of, LEAD_WORDS);
        System.out.printf("QueryFacts.of, worst reads per character: %.1f%n", worst);
    }

    @Test
    void theSemanticTextIsReadLinearly() {
        double worst = LinearReads.assertLinear("SemanticQuery", (text, budget) -> SemanticQuery.text(
                CacheRequests.conversation(text, text, text), Integer.MAX_VALUE, budget), LEAD_WORDS);
        System.out.printf("SemanticQuery.text, worst reads per character: %.1f%n", worst);
    }

    @Test
    void aReplayedAnswerIsCutLinearly() {
        double worst = LinearReads.assertLinear("CachedStreamReplayer.deltas",
                (text, budget) -> CachedStreamReplayer.deltas(budget.meter(text)), LEAD_WORDS);
        System.out.printf("CachedStreamReplayer.deltas, worst reads per character: %.1f%n", worst);
    }

    @Test
    void theGuardAndTheExactKeyTakeLinearTime() {
        int size = AdversarialTexts.sizes().get(AdversarialTexts.sizes().size() - 1);
        NearMissGuard guard = new NearMissGuard();
        for (var entry : AdversarialTexts.classes(LEAD_WORDS).entrySet()) {
            String text = entry.getValue().apply(size);
            long start = System.nanoTime();
            QueryFacts facts = QueryFacts.of(text, InspectionBudget.unlimited());
            guard.disagreement(facts, facts);
            CacheKeys.canonical(text);
            // Reading a query of this size costs microseconds a character; anything quadratic would take minutes.
            assertThat((System.nanoTime() - start) / 1e9).as(entry.getKey()).isLessThan(10 + size / 25_000.0);
        }
    }

    @Test
    void aLongRunOfCombiningMarksIsNotNormalized() {
        String zalgo = "a" + "\u0301\u0316".repeat(100_000);
        long start = System.nanoTime();
        assertThat(CacheKeys.canonical(" " + zalgo + " ")).isEqualTo(zalgo);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        assertThat(CacheKeys.canonical(" e\u0301 ")).isEqualTo("\u00e9");
    }

    @Test
    void numbersAreSpelledAsBigDecimalSpelledThem() {
        Random random = new Random(7);
        String[] parts = {"0", "00", "1", "9", "10", "100", "1,000", "123,456", "7", "000"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder token = new StringBuilder(random.nextInt(4) == 0 ? (random.nextBoolean() ? "-" : "\u2212") : "");
            token.append(parts[random.nextInt(parts.length)]);
            if (random.nextBoolean()) {
                token.append('.').append(parts[random.nextInt(parts.length)].replace(",", ""));
            }
            int power = new int[] {0, 0, 2, 3, 6, 9, 12}[random.nextInt(7)];
            BigDecimal expected = new BigDecimal(token.toString().replace(",", "").replace('\u2212', '-'))
                    .multiply(BigDecimal.TEN.pow(power));
            DecimalText actual = DecimalText.parse(token.toString()).timesPowerOfTen(power);
            BigDecimal stripped = expected.stripTrailingZeros();
            assertThat(actual.canonical()).as(token + "e" + power)
                    .isEqualTo(stripped.signum() == 0 ? "0" : stripped.toPlainString());
            assertThat(actual.isMultipleOfTen()).as(token + "e" + power)
                    .isEqualTo(expected.remainder(BigDecimal.TEN).signum() == 0);
        }
        String huge = "1" + "0".repeat(200_000);
        long start = System.nanoTime();
        assertThat(QueryFacts.of("Is " + huge + " million big?", InspectionBudget.unlimited()).numbers())
                .containsExactly("1" + "0".repeat(200_006));
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void aMinusSignAfterALetterOrDigitIsAHyphen() {
        assertThat(QueryFacts.of("pages 10-12, 2-3 and x2-3").numbers()).containsExactly("10", "12", "2", "3");
        // a-1 is a word; the regex looked at the char before the sign, and the low half of a surrogate pair is neither
        assertThat(QueryFacts.of("from -5 to 5, 2020-2021, a-1, x -1, \uD835\uDFCE-5 and \u22123").numbers())
                .containsExactly("-5", "5", "2020", "2021", "-1", "-5", "-3");
    }

    @Test
    void codeWithADotIsAName() {
        assertThat(QueryFactsReader.isCodeWithDot("os.path")).isTrue();
        assertThat(QueryFactsReader.isCodeWithDot("report.pdf")).isTrue();
        assertThat(QueryFactsReader.isCodeWithDot("e.g")).isFalse();
        assertThat(QueryFactsReader.isCodeWithDot("U.S")).isFalse();
        assertThat(QueryFactsReader.isCodeWithDot("a.b.c.d.e.f")).isFalse();
        assertThat(QueryFactsReader.isCodeWithDot("\uD835\uDC00\uD835\uDC01.x")).isTrue();
        assertThat(QueryFactsReader.isCodeWithDot("x." + "a.".repeat(100_000) + "bc")).isTrue();
    }

    @Test
    void aQueryThatCannotBeReadWithinItsBudgetIsAMissThatIsNotStored() {
        InspectionBudget tiny = InspectionBudget.forCharacters(0);
        String text = "word ".repeat(1_000_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueryFacts.of(text + text, tiny))
                .isInstanceOf(dev.llmgateway.guard.text.InspectionBudgetExceededException.class);
        assertThat(LookupResult.uninspectable().hit()).isFalse();
        assertThat(LookupResult.uninspectable().storable()).isFalse();
        assertThat(LookupResult.miss(null).storable()).isTrue();
        assertThat(LookupResult.exact(new CachedAnswer("a", "end_turn", null, "m")).kind()).isEqualTo(CacheHit.Kind.EXACT);
    }
}
