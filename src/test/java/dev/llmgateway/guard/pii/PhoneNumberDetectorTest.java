package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digit count that lets short texts skip libphonenumber must never skip a valid number. */
class PhoneNumberDetectorTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void findsTheShortestExampleNumbersOfEveryRegionWrittenInternationally() {
        List<String> shortest = new ArrayList<>();
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                if (example != null && PHONES.format(example, PhoneNumberFormat.E164).length() - 1
                        <= PhoneNumberDetector.FEWEST_INTERNATIONAL_DIGITS + 1) {
                    shortest.add(PHONES.format(example, PhoneNumberFormat.INTERNATIONAL));
                }
            }
        }
        assertThat(shortest).contains("+98 9601", "+290 8999");

        PhoneNumberDetector detector = new PhoneNumberDetector("US");
        for (String number : shortest) {
            assertThat(detector.find("call " + number + " today", InspectionBudget.unlimited())).as(number).hasSize(1);
        }
    }

    @Test
    void findsANationalNumberShorterThanAnyInternationalOne() {
        assertThat(new PhoneNumberDetector("NU").find("ring 7012 after six", InspectionBudget.unlimited())).hasSize(1);
    }

    @Test
    void findsNothingInNamesWithFewDigits() {
        PhoneNumberDetector detector = new PhoneNumberDetector("US");
        assertThat(detector.find("claude-3-haiku", InspectionBudget.unlimited())).isEmpty();
        assertThat(detector.find("+1 555", InspectionBudget.unlimited())).isEmpty();
    }
}
