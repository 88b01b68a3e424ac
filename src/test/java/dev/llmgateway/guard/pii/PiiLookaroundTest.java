package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edge cases the java.util.regex lookarounds (and Java 17's Unicode word boundary) decided, which the RE2/J
 * patterns now decide with consumed context and checks in code.
 */
class PiiLookaroundTest {

    private static final PiiRedactor REDACTOR = new PiiRedactor(PiiSettings.defaults());
    private static final String CARD = "4111 1111 1111 1111";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKQ";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Xy9Qz7Lm3Np8Rt2Vw6";

    private static List<String> found(PiiType type, String text) {
        return REDACTOR.find(text, InspectionBudget.forCharacters(text.length())).stream()
                .filter(m -> m.type() == type).map(m -> text.substring(m.start(), m.end())).toList();
    }

    @Test
    void aCardIsNotPartOfALongerRunOfDigitGroupsNorAnInternationalNumber() {
        assertThat(found(PiiType.CARD, "pay with " + CARD + ".")).containsExactly(CARD);
        assertThat(found(PiiType.CARD, CARD)).containsExactly(CARD);
        assertThat(found(PiiType.CARD, "1 " + CARD)).isEmpty();
        assertThat(found(PiiType.CARD, "1-" + CARD)).isEmpty();
        assertThat(found(PiiType.CARD, "1" + CARD)).isEmpty();
        assertThat(found(PiiType.CARD, "+4111111111111111")).isEmpty();
        assertThat(found(PiiType.CARD, "v1.4111111111111111")).isEmpty();
        assertThat(found(PiiType.CARD, CARD + " 2")).isEmpty();
        assertThat(found(PiiType.CARD, CARD + ".5")).isEmpty();
        assertThat(found(PiiType.CARD, "a " + CARD + ", b")).containsExactly(CARD);
        assertThat(found(PiiType.CARD, "x " + CARD)).containsExactly(CARD);
    }

    @Test
    void anAwsSecretIsNotPartOfALongerToken() {
        assertThat(found(PiiType.AWS_SECRET_KEY, "secret " + SECRET + " here")).containsExactly(SECRET);
        assertThat(found(PiiType.AWS_SECRET_KEY, SECRET)).containsExactly(SECRET);
        assertThat(found(PiiType.AWS_SECRET_KEY, "x" + SECRET)).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, SECRET + "x")).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, SECRET + "=")).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, "_" + SECRET)).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, "a." + SECRET)).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, SECRET + ".a")).isEmpty();
        assertThat(found(PiiType.AWS_SECRET_KEY, "-." + SECRET)).containsExactly(SECRET);
        assertThat(found(PiiType.AWS_SECRET_KEY, "." + SECRET + ".")).containsExactly(SECRET);
        assertThat(found(PiiType.AWS_SECRET_KEY, "0123456789abcdef0123456789abcdef01234567")).isEmpty();
    }

    @Test
    void anAwsAccessKeyStandsAlone() {
        assertThat(found(PiiType.AWS_ACCESS_KEY, "key AKIAIOSFODNN7EXAMPLE.")).containsExactly("AKIAIOSFODNN7EXAMPLE");
        assertThat(found(PiiType.AWS_ACCESS_KEY, "XAKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(found(PiiType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLEQ")).isEmpty();
        assertThat(found(PiiType.AWS_ACCESS_KEY, "aAKIAIOSFODNN7EXAMPLE")).containsExactly("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void anSsnNeedsAValidAreaGroupAndSerial() {
        assertThat(found(PiiType.SSN, "ssn: 536-22-1847")).containsExactly("536-22-1847");
        for (String invalid : List.of("000-12-3456", "666-12-3456", "912-12-3456", "999-12-3456", "123-00-4567",
                "123-45-0000")) {
            assertThat(found(PiiType.SSN, "number " + invalid + " here")).as(invalid).isEmpty();
        }
        assertThat(found(PiiType.SSN, "1536-22-1847")).isEmpty();
        assertThat(found(PiiType.SSN, "-536-22-1847")).isEmpty();
        assertThat(found(PiiType.SSN, "536-22-1847-")).isEmpty();
        assertThat(found(PiiType.SSN, "536-22-18470")).isEmpty();
        assertThat(found(PiiType.SSN, "SSN is 536 22 1847")).containsExactly("536 22 1847");
        assertThat(found(PiiType.SSN, "Social Security No. 536221847")).containsExactly("536221847");
        assertThat(found(PiiType.SSN, "SSN 666 22 1847")).isEmpty();
        assertThat(found(PiiType.SSN, "SSN 536 22 18470")).isEmpty();
        assertThat(found(PiiType.SSN, "xssn 536221847")).isEmpty();
        assertThat(found(PiiType.SSN, "reference 1536 22 1847 9")).isEmpty();
    }

    @Test
    void aWordBoundaryIsJavasUnicodeOne() {
        String key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
        assertThat(found(PiiType.API_KEY, "key: " + key)).containsExactly(key);
        assertThat(found(PiiType.API_KEY, "-" + key)).containsExactly(key);
        // a letter of any script, or a mark on one, joins the key to the word before it
        assertThat(found(PiiType.API_KEY, "é" + key)).isEmpty();
        assertThat(found(PiiType.API_KEY, "ж" + key)).isEmpty();
        assertThat(found(PiiType.API_KEY, "_" + key)).isEmpty();
        assertThat(found(PiiType.JWT, "e\u0301" + JWT)).isEmpty();
        assertThat(found(PiiType.JWT, "e\u0301\u0301\u0301" + JWT)).isEmpty();
        // a mark on nothing, or on punctuation, does not
        assertThat(found(PiiType.JWT, "\u0301" + JWT)).containsExactly(JWT);
        assertThat(found(PiiType.JWT, "-\u0301" + JWT)).containsExactly(JWT);
        assertThat(found(PiiType.JWT, "\u00a0" + JWT)).containsExactly(JWT);
    }

    @Test
    void caseInsensitiveWordsAreAsciiOnly() {
        assertThat(found(PiiType.API_KEY, "PassWord = Xy9Qz7Lm3Np8Rt2V")).containsExactly("Xy9Qz7Lm3Np8Rt2V");
        assertThat(found(PiiType.API_KEY, "password is Xy9Qz7Lm3Np8Rt2V")).containsExactly("Xy9Qz7Lm3Np8Rt2V");
        assertThat(found(PiiType.API_KEY, "passwordis Xy9Qz7Lm3Np8Rt2V")).isEmpty();
        // the long s and the Kelvin sign fold to s and k in RE2/J's (?i), never in java.util.regex's
        assertThat(found(PiiType.API_KEY, "\u017Fecret=Xy9Qz7Lm3Np8Rt2V")).isEmpty();
        assertThat(found(PiiType.BEARER_TOKEN, "to\u212Aen Xy9Qz7Lm3Np8Rt2Vw6")).isEmpty();
        assertThat(found(PiiType.BEARER_TOKEN, "TOKEN Xy9Qz7Lm3Np8Rt2Vw6")).containsExactly("Xy9Qz7Lm3Np8Rt2Vw6");
    }

    @Test
    void anEmailOrAnAddressDoesNotContinueIntoMore() {
        assertThat(found(PiiType.EMAIL, "mail a.b@example.com.")).containsExactly("a.b@example.com");
        assertThat(found(PiiType.EMAIL, "_a@example.com")).isEmpty();
        assertThat(found(PiiType.EMAIL, "a@example.com_x")).isEmpty();
        assertThat(found(PiiType.EMAIL, "a@b.cc.d" + "d".repeat(70) + ".com")).containsExactly("a@b.cc");
        assertThat(found(PiiType.IPV4, "host 10.0.0.1.")).containsExactly("10.0.0.1");
        assertThat(found(PiiType.IPV4, "v10.0.0.1")).isEmpty();
        assertThat(found(PiiType.IPV4, "10.0.0.1.5")).isEmpty();
        assertThat(found(PiiType.IPV6, "[fe80::1]:443")).containsExactly("fe80::1");
        assertThat(found(PiiType.IPV6, "12:30:45")).isEmpty();
    }

    @Test
    void aVerticalTabIsWhitespaceAsInJavaRegex() {
        assertThat(found(PiiType.BEARER_TOKEN, "Bearer\u000BXy9Qz7Lm3Np8Rt2Vw6")).containsExactly("Xy9Qz7Lm3Np8Rt2Vw6");
    }

    @Test
    void phoneNumbersAreFoundInEveryWindowOfALongLine() {
        String line = "+1 202 555 0143, ".repeat(400);
        List<String> phones = found(PiiType.PHONE, line);
        assertThat(phones).hasSize(400).containsOnly("+1 202 555 0143");
        assertThat(found(PiiType.PHONE, "call 2024-03-05 12:30 or +1 202 555 0143")).containsExactly("+1 202 555 0143");
    }
}
