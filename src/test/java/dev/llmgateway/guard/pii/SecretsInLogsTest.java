package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the log redactor must take out with its default settings, in the forms people write it, and what it keeps. */
class SecretsInLogsTest {

    private static final FailClosedLogRedactor LOG = new FailClosedLogRedactor(PiiSettings.defaults());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "call me on 020 7946 0018 tomorrow | 020 7946 0018",
            "Festnetz: 030 123456, ab acht Uhr | 030 123456",
            "rappelez-moi au 06 12 34 56 78 svp | 06 12 34 56 78",
            "my number is 081234 56789 | 081234 56789",
            "SSN 123 45 6789 on file | 123 45 6789",
            "ssn: 123.45.6789 | 123.45.6789",
            "the number 219 09 9999 was on the form | 219 09 9999",
            "key id AKIA1234567890ABCD89 leaked | AKIA1234567890ABCD89",
            "my token is a9f3k2m8x1 please rotate | a9f3k2m8x1",
            "password is: Tr0ub4dor&3x and it works | Tr0ub4dor",
            "the secret is 48213377120938475610 | 48213377120938475610",
            "The API key is 0f3c9a77d1e24b6c8a5e6f7d9b0c1a2e, can you check? | 0f3c9a77d1e24b6c8a5e6f7d9b0c1a2e"})
    void takesOut(String text, String value) {
        assertThat(LOG.redact(text)).doesNotContain(value).contains("<");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the token is expired, log in again", "my key is underneath the mat",
            "Order 0994415 shipped on 2024-05-13.", "Batch 080756610757 contains 552 items",
            "password: correcthorsebattery", "version 10.0.22796.1689"})
    void keeps(String text) {
        assertThat(LOG.redact(text)).isEqualTo(text);
    }
}
