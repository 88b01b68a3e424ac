package dev.llmgateway.cache;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/**
 * What the near-miss guard compares between two queries: the facts that change an answer while barely moving
 * an embedding. Lists keep the order the query gives them in ("from Paris to Rome" is not "from Rome to Paris").
 *
 * @param numbers   numeric values in one spelling ("1,000", "one thousand" and "1k" are all "1000"; ordinals "#3")
 * @param units     canonical units and currencies ("km", "usd", "percent")
 * @param dates     dates, months, weekdays, seasons, times of day and relative times ("date:2024-03-05", "rel:next-week")
 * @param entities  names, lower-cased: capitalized words, acronyms, product and language names, codes, quoted words,
 *                  e-mail addresses, URLs and PII placeholders
 * @param negations how many negations (not, no, never, without, n't)
 * @param opposites per pair of {@link OppositeTerms}: which of its sides the query uses (bit 1, bit 2)
 * @param roles     what direction words point at, in order: "from>office", "to>mobile", "than>dog"
 * @param words     every word and name of the query, lower-cased, in order: where names of the other query are
 *                  looked for, whatever their case there
 * @param salient   persons, scopes, times and periods, relations and content words, read from the words
 */
record QueryFacts(List<String> numbers, List<String> units, List<String> dates, List<String> entities, int negations,
                  int[] opposites, List<String> roles, List<String> words, SalientWords salient) {

    /** @return the facts of a query, read within a budget for its length */
    static QueryFacts of(String text) {
        return of(text, InspectionBudget.forCharacters(text.length()));
    }

    /**
     * @return the facts of a query, read in time linear in its length
     * @throws dev.llmgateway.guard.text.InspectionBudgetExceededException when the reading costs more than the budget
     */
    static QueryFacts of(String text, InspectionBudget budget) {
        return QueryFactsReader.read(text, budget);
    }
}
