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

    @Test
    void whoTheQueryIsAboutIsReadLeavingOutPronounsThatOnlyFrameTheRequest() {
        assertThat(QueryFacts.of("Can you tell me what our plan costs?").salient().persons()).containsExactly("1p");
        assertThat(QueryFacts.of("I want to know how much they spent").salient().persons()).containsExactly("3p");
        assertThat(QueryFacts.of("How do I rotate a key? How should you rotate it?").salient().persons()).isEmpty();
        assertThat(QueryFacts.of("What did you send me?").salient().persons()).containsExactly("2", "1s");
        assertThat(QueryFacts.of("do you have any pets").salient().persons()).containsExactly("2");
        assertThat(QueryFacts.of("I am wondering where I am").salient().persons()).containsExactly("1s");
        assertThat(QueryFacts.of("Do you know what time it is?").salient().persons()).isEmpty();
        assertThat(QueryFacts.of("What did you know about it?").salient().persons()).containsExactly("2");
        assertThat(QueryFacts.of("Define entropy for me please").salient().persons()).isEmpty();
        assertThat(QueryFacts.of("Is coffee good for me or for them?").salient().persons()).containsExactly("1s", "3p");
        assertThat(QueryFacts.of("Explain to me how tides work").salient().persons()).isEmpty();
    }

    @Test
    void oneAfterADeterminerIsAPronounNotANumber() {
        assertThat(QueryFacts.of("Who is the one that built you?").numbers()).isEmpty();
        assertThat(QueryFacts.of("Which one is cheaper?").numbers()).isEmpty();
        assertThat(QueryFacts.of("Give me one idea").numbers()).containsExactly("1");
    }

    @Test
    void scopesTimesOfDayAndFrequenciesAreReadInOneSpelling() {
        assertThat(QueryFacts.of("Show every invoice for the entire org").salient().scopes()).containsExactly("all");
        assertThat(QueryFacts.of("Only a subset of rows").salient().scopes()).containsExactly("part");
        assertThat(QueryFacts.of("Backups each week, reports weekly, calls twice a week").salient().periods())
                .containsExactly("every:week");
        assertThat(QueryFacts.of("Jogging at sunrise or in the evening").salient().periods())
                .containsExactly("time:dawn", "time:evening");
    }

    @Test
    void relationsJoinTheContentWordsAroundThem() {
        assertThat(QueryFacts.of("What is the ratio of the debts to the assets?").salient().relations())
                .containsExactly("ratio>of>debt", "debt>to>asset");
        assertThat(QueryFacts.of("Which cars are the fastest sold cars?").salient().content())
                .containsExactly("car", "fastest", "sold", "car");
    }

    @Test
    void theGuardRefusesAnotherPersonScopeTimeOrDirection() {
        assertThat(refusal("What is my storage quota?", "What is our storage quota?")).startsWith("persons");
        assertThat(refusal("Who emailed you yesterday?", "Who did I email yesterday?")).startsWith("persons");
        assertThat(refusal("Show the errors of every service", "Show the errors of my service")).startsWith("persons");
        assertThat(refusal("Show the errors of all services", "Show the errors of the services")).startsWith("scope");
        assertThat(refusal("List a few specific channels", "List the channels")).startsWith("scope");
        assertThat(refusal("Where can I eat breakfast near the station?",
                "Where can I eat late at night near the station?")).startsWith("periods");
        assertThat(refusal("Email me the summary every day", "Email me the summary fortnightly"))
                .isNotEqualTo("(none)");
        assertThat(refusal("Email me the summary daily", "Email me the summary weekly")).isNotEqualTo("(none)");
        assertThat(refusal("What is the weight of the box of apples?", "What is the box of the weight of apples?"))
                .startsWith("relation");
        assertThat(refusal("Sync the photos to the tablet", "Sync the photos from the tablet")).startsWith("direction");
        assertThat(refusal("How many archived projects are there?", "How many projects are there?"))
                .contains("narrows");
        assertThat(refusal("Is the printer on the network?", "Put the printer on the network")).startsWith("mood");
    }

    @Test
    void theGuardLetsRewordingsOfWhoWhenAndHowMuchThrough() {
        assertThat(refusal("How do I rename a branch in git?", "How do you rename a branch in git?"))
                .isEqualTo("(none)");
        assertThat(refusal("Could you tell me my account balance?", "I'd like to know my account balance"))
                .isEqualTo("(none)");
        assertThat(refusal("Send the digest daily", "Send the digest every day")).isEqualTo("(none)");
        assertThat(refusal("Is it safe to swim after eating?", "Can I swim safely after eating?")).isEqualTo("(none)");
        assertThat(refusal("What is the ratio of width to height?", "What's the ratio of the width to the height?"))
                .isEqualTo("(none)");
    }

    private String refusal(String query, String cached) {
        return guard.disagreement(QueryFacts.of(query), QueryFacts.of(cached)).orElse("(none)");
    }
}
