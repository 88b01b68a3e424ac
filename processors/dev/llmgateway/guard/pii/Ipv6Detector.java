package dev.llmgateway.guard.pii;

import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/**
 * IPv6 addresses in full, compressed (::) or IPv4-mapped form; clock times and MAC addresses do not parse as such.
 * A candidate is at most 50 characters, so checking one costs a bounded number of reads.
 */
final class Ipv6Detector implements PiiDetector {

    /** {@code (?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\w)} */
    private static final Pattern CANDIDATE = Pattern.compile("(?:^|[^A-Za-z0-9_:.])"
            + "(?P<m>(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)"
            + "(?:$|[^A-Za-z0-9_:.]|\\.(?:$|[^A-Za-z0-9_]))");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final RegexDetector candidates = new RegexDetector(PiiType.IPV6, CANDIDATE, 1, null,
            (candidate, budget) -> isIpv6(candidate)).onlyIf(text -> text.indexOf(':') >= 0);

    @Override
    public List<PiiMatch> find(String text, InspectionBudget budget) {
        return candidates.find(text, budget);
    }

    static boolean isIpv6(String candidate) {
        int compressions = occurrences(candidate, "::");
        if (compressions > 1 || candidate.contains(":::")) {
            return false;
        }
        String address = candidate;
        int groupsNeeded = 8;
        int lastColon = address.lastIndexOf(':');
        if (address.indexOf('.') >= 0) {
            if (!IPV4.matches(address.substring(lastColon + 1))) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        int groups = 1;
        int nonEmpty = 0;
        int groupStart = 0;
        for (int i = 0; i <= address.length(); i++) {
            if (i < address.length() && address.charAt(i) != ':') {
                continue;
            }
            boolean empty = i == groupStart;
            if (empty && compressions != 1) {
                return false;
            }
            if (!empty) {
                nonEmpty++;
            }
            if (i < address.length()) {
                groups++;
            }
            groupStart = i + 1;
        }
        if (compressions == 0) {
            return nonEmpty == groupsNeeded && groups == groupsNeeded;
        }
        // a compressed address must still name at least two groups, or "a::b" style words and "::" slip in
        return nonEmpty < groupsNeeded && nonEmpty >= 2 - (groupsNeeded == 7 ? 1 : 0);
    }

    /** How many times {@code part} occurs without overlapping, as {@code text.split(part, -1).length - 1} counts them. */
    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
