package dev.llmgateway.guard.pii;

/**
 * The kinds of personal data and secrets the redactor finds, in the order overlapping matches are preferred: types
 * recognized by a prefix or a key word come before those recognized by shape alone.
 */
public enum PiiType {
    URL_CREDENTIALS("URL_CREDENTIALS"),
    JWT("JWT"),
    AWS_ACCESS_KEY("AWS_ACCESS_KEY"),
    API_KEY("API_KEY"),
    BEARER_TOKEN("BEARER_TOKEN"),
    AWS_SECRET_KEY("AWS_SECRET_KEY"),
    EMAIL("EMAIL"),
    IBAN("IBAN"),
    CARD("CARD"),
    SSN("SSN"),
    IPV6("IPV6"),
    IPV4("IPV4"),
    PHONE("PHONE");

    private final String label;

    PiiType(String label) {
        this.label = label;
    }

    /** @return the name used in placeholders, e.g. EMAIL in {@code <EMAIL_1>} */
    public String label() {
        return label;
    }
}
