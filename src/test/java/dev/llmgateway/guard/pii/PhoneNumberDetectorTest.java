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

        PhoneNumberDetector detector = new PhoneNumberDetector(List.of("US"));
        for (String number : shortest) {
            assertThat(detector.find("call " + number + " today", InspectionBudget.unlimited())).as(number).hasSize(1);
        }
    }

    @Test
    void findsANationalNumberShorterThanAnyInternationalOne() {
        assertThat(new PhoneNumberDetector(List.of("NU")).find("ring 7012 after six", InspectionBudget.unlimited())).hasSize(1);
    }

    @Test
    void findsNationalFormatsOfEveryDefaultRegionWithOneDetector() {
        PhoneNumberDetector detector = new PhoneNumberDetector(PiiSettings.DEFAULT_PHONE_REGIONS);
        for (String region : PiiSettings.DEFAULT_PHONE_REGIONS) {
            for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
                String number = PHONES.format(PHONES.getExampleNumberForType(region, type), PhoneNumberFormat.NATIONAL);
                String text = "Please ring me on " + number + " after six.";
                assertThat(detector.find(text, InspectionBudget.unlimited())).as(region + " " + number)
                        .singleElement().satisfies(match -> assertThat(text.substring(match.start(), match.end()))
                                .isEqualTo(number));
            }
        }
    }

    @Test
    void aNumberEveryRegionFindsIsFoundOnce() {
        PhoneNumberDetector detector = new PhoneNumberDetector(PiiSettings.DEFAULT_PHONE_REGIONS);
        assertThat(detector.find("call +44 20 7946 0958 now", InspectionBudget.unlimited())).hasSize(1);
    }

    @Test
    void findsNothingInNamesWithFewDigits() {
        PhoneNumberDetector detector = new PhoneNumberDetector(List.of("US"));
        assertThat(detector.find("claude-3-haiku", InspectionBudget.unlimited())).isEmpty();
        assertThat(detector.find("+1 555", InspectionBudget.unlimited())).isEmpty();
    }
}
