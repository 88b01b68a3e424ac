package dev.llmgateway.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv6 addresses in full, compressed (::) or IPv4-mapped form; clock times and MAC addresses do not parse as such. */
final class Ipv6Detector implements PiiDetector {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![\\w:]|\\.\\w)");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (isIpv6(matcher.group())) {
                matches.add(new PiiMatch(PiiType.IPV6, matcher.start(), matcher.end()));
            }
        }
        return matches;
    }

    static boolean isIpv6(String candidate) {
        int compressions = candidate.split("::", -1).length - 1;
        if (compressions > 1 || candidate.contains(":::")) {
            return false;
        }
        String address = candidate;
        int groupsNeeded = 8;
        int lastColon = address.lastIndexOf(':');
        if (address.indexOf('.') >= 0) {
            if (!IPV4.matcher(address.substring(lastColon + 1)).matches()) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        String[] groups = address.split(":", -1);
        int nonEmpty = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            boolean edgeOfCompression = group.isEmpty() && compressions == 1;
            if (group.isEmpty() && !edgeOfCompression) {
                return false;
            }
            if (!group.isEmpty()) {
                nonEmpty++;
            }
        }
        if (compressions == 0) {
            return nonEmpty == groupsNeeded && groups.length == groupsNeeded;
        }
        // a compressed address must still name at least two groups, or "a::b" style words and "::" slip in
        return nonEmpty < groupsNeeded && nonEmpty >= 2 - (groupsNeeded == 7 ? 1 : 0);
    }
}
