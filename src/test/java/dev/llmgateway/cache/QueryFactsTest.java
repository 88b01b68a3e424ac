package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the near-miss guard reads from a query, and when it refuses a match. */
class QueryFactsTest {

    private final NearMissGuard guard = new NearMissGuard();

    @Test
    void numbersAreReadInOneSpellingWhateverTheirForm() {
        assertThat(QueryFacts.of("Split 1,000.50 dollars four ways").numbers()).containsExactly("1000.5", "4");
        assertThat(QueryFacts.of("twenty-five ideas, a dozen eggs, 1.5 million users and 10k steps").numbers())
                .containsExactly("25", "12", "1500000", "10000");
        assertThat(QueryFacts.of("the third and the 3rd item").numbers()).containsExactly("#3", "#3");
        assertThat(QueryFacts.of("Is -5 colder than 5?").numbers()).containsExactly("-5", "5");
        assertThat(QueryFacts.of("seasons 2020-2021").numbers()).containsExactly("2020", "2021");
    }

    @Test
    void unitsAndCurrenciesAreCanonical() {
        assertThat(QueryFacts.of("Convert 5km to miles").units()).containsExactly("km", "mile");
        assertThat(QueryFacts.of("Is 20°C warm, or 20 degrees Celsius?").units()).containsExactly("celsius", "celsius");
        assertThat(QueryFacts.of("$50 or 50 dollars or USD 50").units()).containsExactly("usd", "usd", "usd");
        assertThat(QueryFacts.of("20 users and 3 pages").units()).containsExactly("user", "page");
        assertThat(QueryFacts.of("users like pages").units()).isEmpty();
    }

    @Test
    void aDurationWordIsAUnitOnlyWhenItMeasuresSomething() {
        assertThat(QueryFacts.of("How many days are in a year?").units()).containsExactly("day", "year");
        assertThat(QueryFacts.of("What year did the war end?").units()).isEmpty();
    }

    @Test
    void datesAreReadWhicheverWayTheyAreWritten() {
        assertThat(QueryFacts.of("What happened on March 5th, 2024?").dates()).containsExactly("date:2024-03-05");
        assertThat(QueryFacts.of("What happened on 2024-03-05?").dates()).containsExactly("date:2024-03-05");
        assertThat(QueryFacts.of("What happened on the 5th of March 2024?").dates()).containsExactly("date:2024-03-05");
        assertThat(QueryFacts.of("Sales in April 2020, on Monday and next week").dates())
                .containsExactly("date:2020-04", "weekday:monday", "rel:next-week");
        assertThat(QueryFacts.of("May I ask what you did yesterday at 09:30?").dates())
                .containsExactly("rel:yesterday", "time:9:30");
    }

    @Test
    void namesAreCapitalizedWordsAcronymsCodesAndKnownLowerCaseNames() {
        assertThat(QueryFacts.of("How do I deploy to AWS from GitHub with python and os.path on iPhone 15?").entities())
                .containsExactly("aws", "github", "python", "os.path", "iphone");
        assertThat(QueryFacts.of("Explain the \"volatile\" keyword to support@acme.com and <EMAIL_1>").entities())
                .containsExactly("volatile", "support@acme.com", "<email_1>");
        assertThat(QueryFacts.of("What is the capital of France? Paris, I think.").entities())
                .containsExactly("france", "paris");
        assertThat(QueryFacts.of("Explain recursion. Describe it simply.").entities()).isEmpty();
    }

    @Test
    void negationsAreCounted() {
        assertThat(QueryFacts.of("Why doesn't it start? It is not plugged in and never was, without power.").negations())
                .isEqualTo(4);
        assertThat(QueryFacts.of("How do I use a no-code tool?").negations()).isZero();
    }

    @Test
    void theGuardRefusesEachKindOfNearMiss() {
        assertThat(refusal("What is 15% of 200?", "What is 15% of 300?")).startsWith("numbers");
        assertThat(refusal("Convert 5 miles to km", "Convert 5 km to miles")).startsWith("units");
        assertThat(refusal("Weather for tomorrow", "Weather for today")).startsWith("dates");
        assertThat(refusal("Which foods are safe for dogs?", "Which foods are not safe for dogs?")).startsWith("negations");
        assertThat(refusal("How do I install Docker?", "How do I uninstall Docker?")).startsWith("opposite");
        assertThat(refusal("What is the capital of Australia?", "What is the capital of Austria?")).startsWith("names");
        assertThat(refusal("Did Rome conquer Carthage?", "Did Carthage conquer Rome?")).startsWith("names");
        assertThat(refusal("Forward calls from my office to my mobile", "Forward calls from my mobile to my office"))
                .contains("'from' points at");
    }

    @Test
    void theGuardLetsParaphrasesThrough() {
        assertThat(guard.disagreement(QueryFacts.of("What is 15 percent of two hundred?"), QueryFacts.of("what's 15% of 200")))
                .isEmpty();
        assertThat(guard.disagreement(QueryFacts.of("How do I deploy to AWS?"), QueryFacts.of("how can i deploy to aws")))
                .isEmpty();
        assertThat(guard.disagreement(QueryFacts.of("What is the maximum upload size?"),
                QueryFacts.of("What is the upload size limit?"))).isEmpty();
        assertThat(guard.disagreement(QueryFacts.of("How long does it take to get to the moon?"),
                QueryFacts.of("How long would a trip to the moon take?"))).isEmpty();
    }

    private String refusal(String query, String cached) {
        return guard.disagreement(QueryFacts.of(query), QueryFacts.of(cached)).orElse("(none)");
    }
}
