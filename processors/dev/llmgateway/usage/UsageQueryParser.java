package dev.llmgateway.usage;

import dev.llmgateway.auth.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a usage query from its parameters (the API's query string, the report command's options): {@code from} and
 * {@code to} as UTC dates or instants (default: the 30 days up to the end of today, UTC; {@code to} is not
 * included), {@code group_by} as a comma-separated list of {@link UsageDimension}s, {@code team} and {@code feature}
 * filters.
 */
public final class UsageQueryParser {

    static final int DEFAULT_DAYS = 30;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private UsageQueryParser() {
    }

    /** @param now the current time, for the default period */
    public static UsageQuery parse(Map<String, String> parameters, Instant now) {
        Instant to = instant(parameters, "to");
        if (to == null) {
            to = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        Instant from = instant(parameters, "from");
        if (from == null) {
            from = to.minus(DEFAULT_DAYS, ChronoUnit.DAYS);
        }
        if (!from.isBefore(to)) {
            throw new InvalidUsageQuery("'from' (" + from + ") must be before 'to' (" + to + "); 'to' is not included.");
        }
        return new UsageQuery(from, to, groupBy(parameters.get("group_by")), name(parameters, "team"),
                name(parameters, "feature"));
    }

    private static Instant instant(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidUsageQuery("'" + name + "' must be a UTC date such as 2026-11-01 or an instant such as "
                    + "2026-11-01T00:00:00Z, not '" + value + "'.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidUsageQuery("'" + name + "' must be between " + EARLIEST + " and " + LATEST + ".");
        }
        return instant;
    }

    private static List<UsageDimension> groupBy(String value) {
        List<UsageDimension> dimensions = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return dimensions;
        }
        for (String label : value.split(",", -1)) {
            UsageDimension dimension = UsageDimension.byLabel(label.strip()).orElseThrow(() -> new InvalidUsageQuery(
                    "'group_by' takes a comma-separated list of " + UsageDimension.labels() + "; '" + label.strip()
                            + "' is not one of them."));
            if (dimensions.contains(dimension)) {
                throw new InvalidUsageQuery("'group_by' names '" + dimension.label() + "' twice.");
            }
            dimensions.add(dimension);
        }
        return dimensions;
    }

    private static String name(Map<String, String> parameters, String parameter) {
        String value = parameters.get(parameter);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Names.valid(value)) {
            throw new InvalidUsageQuery("'" + parameter + "' must be " + Names.rule() + ".");
        }
        return value;
    }
}
