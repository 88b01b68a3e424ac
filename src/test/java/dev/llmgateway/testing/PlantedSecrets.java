package dev.llmgateway.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Secrets and personal data the suite sends to the gateway and that must never appear in its logs: PlantedSecretsTest
 * sends each of them in every way a caller can, and SuiteLogSecretsIT scans the whole suite's log for them (and for
 * the test gateway's own credentials, which nearly every test sends).
 */
public final class PlantedSecrets {

    /** Request ids of the planting calls, so the scan can tell they ran and were logged. */
    public static final String REQUEST_ID_PREFIX = "planted-secrets-";
    public static final String TEAM_KEY = "sk-planted-team-key-5c1e9a0f7b3d2e84";
    public static final String WRONG_KEY = "sk-planted-wrong-key-8e2b6d4a1c9f0737";
    public static final String EMAIL = "planted.person.4821@example.org";
    public static final String PHONE = "+1 212-867-5309";
    public static final String CARD = "5500 0055 5555 5559";
    public static final String SSN = "536-22-1847";
    public static final String IBAN = "DE89 3704 0044 0532 0130 00";
    /** A prompt holding every planted personal value. */
    public static final String PROMPT = "Update the customer record: e-mail " + EMAIL + ", phone " + PHONE + ", card "
            + CARD + ", social security number " + SSN + ", IBAN " + IBAN + ". Then confirm the change in one line.";

    private PlantedSecrets() {
    }

    /** Every planted value, also as a log might write it: digits only, without spaces. */
    public static List<String> values() {
        List<String> values = new ArrayList<>(List.of(TEAM_KEY, WRONG_KEY, TestGateway.API_KEY,
                TestGateway.ADMIN_TOKEN, EMAIL, PHONE, CARD, SSN, IBAN));
        for (String spaced : List.of(PHONE, CARD, SSN, IBAN)) {
            values.add(spaced.replaceAll("[^0-9A-Z]", ""));
        }
        return values;
    }

    /** @return the planted values that occur in the text */
    public static List<String> foundIn(String text) {
        return values().stream().filter(text::contains).toList();
    }
}
