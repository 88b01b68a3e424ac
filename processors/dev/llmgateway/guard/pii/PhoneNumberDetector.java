package dev.llmgateway.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers as libphonenumber finds them: numbers in international format (+44 20 7946 0958) for any country,
 * and national formats of the default region. Only numbers valid for their region count.
 * <p>
 * Text with fewer digits than the shortest valid number is not searched: libphonenumber throws (and fills the stack
 * trace of) an exception for every digit group it rejects, which made a short name such as a model alias cost more
 * to redact than the rest of a call's logging.
 */
final class PhoneNumberDetector implements PiiDetector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance()
            .getPhoneNumberMetadataSource();
    /** The fewest digits of a valid number written internationally: its country code, then its national number. */
    static final int FEWEST_INTERNATIONAL_DIGITS = fewestInternationalDigits();

    private final String defaultRegion;
    private final int fewestDigits;

    PhoneNumberDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        PhoneMetadata national = METADATA.getMetadataForRegion(defaultRegion);
        this.fewestDigits = national == null ? FEWEST_INTERNATIONAL_DIGITS
                : Math.min(FEWEST_INTERNATIONAL_DIGITS, shortestNationalNumber(national));
    }

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        if (digits(text) < fewestDigits) {
            return matches;
        }
        for (PhoneNumberMatch match : PHONES.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            matches.add(new PiiMatch(PiiType.PHONE, match.start(), match.end()));
        }
        return matches;
    }

    /** Counts what libphonenumber reads as digits (any script's decimal digits), stopping once there are enough. */
    private int digits(String text) {
        return (int) text.codePoints().filter(Character::isDigit).limit(fewestDigits).count();
    }

    private static int fewestInternationalDigits() {
        int fewest = Integer.MAX_VALUE;
        for (String region : PHONES.getSupportedRegions()) {
            fewest = Math.min(fewest, digitsOf(PHONES.getCountryCodeForRegion(region))
                    + shortestNationalNumber(METADATA.getMetadataForRegion(region)));
        }
        for (int code : PHONES.getSupportedGlobalNetworkCallingCodes()) {
            fewest = Math.min(fewest, digitsOf(code)
                    + shortestNationalNumber(METADATA.getMetadataForNonGeographicalRegion(code)));
        }
        return fewest;
    }

    private static int shortestNationalNumber(PhoneMetadata metadata) {
        return metadata.getGeneralDesc().getPossibleLengthList().stream().mapToInt(Integer::intValue).min()
                .orElse(Integer.MAX_VALUE);
    }

    private static int digitsOf(int countryCode) {
        return Integer.toString(countryCode).length();
    }
}
