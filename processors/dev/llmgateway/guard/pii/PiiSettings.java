package dev.llmgateway.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of PII redaction.
 *
 * @param types              the types to find; default all
 * @param phoneRegions       ISO countries whose national phone formats are recognized (international ones always are);
 *                           default US, GB, DE, FR and IN
 * @param streamingLookAhead most characters a streaming redactor holds back; values longer than this cannot be judged
 *                           whole and are masked when cut; default 256
 * @param redactUpstream     whether prompts go upstream with placeholders instead of values; default false
 * @param teams              per-team override of redactUpstream
 */
public record PiiSettings(Set<PiiType> types, List<String> phoneRegions, Integer streamingLookAhead,
                          Boolean redactUpstream, Map<String, Boolean> teams) {

    public static final int DEFAULT_LOOK_AHEAD = 256;
    public static final List<String> DEFAULT_PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "IN");

    public PiiSettings {
        types = Set.copyOf(types == null || types.isEmpty() ? EnumSet.allOf(PiiType.class) : EnumSet.copyOf(types));
        phoneRegions = phoneRegions == null || phoneRegions.isEmpty() ? DEFAULT_PHONE_REGIONS
                : List.copyOf(phoneRegions);
        streamingLookAhead = streamingLookAhead == null ? DEFAULT_LOOK_AHEAD : streamingLookAhead;
        redactUpstream = redactUpstream != null && redactUpstream;
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        if (streamingLookAhead < 64) {
            throw new IllegalArgumentException("streamingLookAhead must be at least 64 characters to hold a card or IBAN, got "
                    + streamingLookAhead);
        }
        Set<String> known = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (String region : phoneRegions) {
            if (!known.contains(region)) {
                throw new IllegalArgumentException("phoneRegions must be ISO country codes libphonenumber knows, got "
                        + region);
            }
        }
    }

    public static PiiSettings defaults() {
        return new PiiSettings(null, null, null, null, null);
    }

    public boolean redactUpstream(String team) {
        return teams.getOrDefault(team, redactUpstream);
    }
}
