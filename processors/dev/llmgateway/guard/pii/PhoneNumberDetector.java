package dev.llmgateway.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers as libphonenumber finds them: numbers in international format (+44 20 7946 0958) for any country,
 * and national formats of the default region. Only numbers valid for their region count.
 */
final class PhoneNumberDetector implements PiiDetector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    PhoneNumberDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        for (PhoneNumberMatch match : PHONES.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            matches.add(new PiiMatch(PiiType.PHONE, match.start(), match.end()));
        }
        return matches;
    }
}
