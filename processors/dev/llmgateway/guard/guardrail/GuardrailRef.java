package dev.llmgateway.guard.guardrail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guardrail configured in AWS, as a team or a model names it: its identifier (an id or its ARN), its version (a
 * number or DRAFT) and the region it lives in. A guardrail is a regional resource: the region may be left out when
 * the identifier is an ARN (it names the region) or when the guardrail lives in the first region of the model called.
 *
 * @param identifier the guardrail's id ({@code abc123def456}) or ARN
 * @param version    {@code 1}, {@code 2}, ... or {@code DRAFT}
 * @param region     the guardrail's region, or null
 */
public record GuardrailRef(String identifier, String version, String region) {

    /** Bedrock's own patterns for the two path parameters of ApplyGuardrail. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "[a-z0-9]+|arn:aws(-[^:]+)?:bedrock:([a-z0-9-]{1,20}):[0-9]{12}:guardrail/[a-z0-9]+");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,7}|DRAFT");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final int MAX_IDENTIFIER = 2048;

    public GuardrailRef {
        if (identifier == null || identifier.length() > MAX_IDENTIFIER || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("identifier must be a guardrail id (lower-case letters and digits) or a "
                    + "guardrail ARN, got " + quoted(identifier));
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must be a version number (1, 2, ...) or DRAFT, got "
                    + quoted(version));
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be an AWS region such as us-east-1, got " + quoted(region));
        }
    }

    /** @return the region the guardrail lives in: the configured one, else the ARN's, else the model's region */
    public String regionOr(String modelRegion) {
        if (region != null) {
            return region;
        }
        Matcher arn = IDENTIFIER.matcher(identifier);
        return arn.matches() && arn.group(2) != null ? arn.group(2) : modelRegion;
    }

    /** @return how the guardrail is named to callers: its identifier and version */
    public String described() {
        return "'" + identifier + "' version " + version;
    }

    private static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'";
    }
}
