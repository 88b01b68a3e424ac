package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an API does with every field of one kind of request object: serves it, accepts it at the value that changes
 * nothing, accepts and ignores it (for a stated reason), or refuses it. A field the API does not define is refused
 * too: a client that gets an answer for something the gateway ignored is worse off than one told so. A null value is
 * taken as the field left out. The rules also say what each field does, for the API reference.
 */
public final class FieldRules {

    /** Longest unknown name for which a nearest known one is suggested (the suggestion costs its length squared). */
    private static final int MAX_NAME_FOR_SUGGESTION = 64;

    /** What the gateway does with one field. */
    public enum Disposition { SERVED, NEUTRAL_ONLY, IGNORED, REFUSED }

    /**
     * @param disposition what is done with the field
     * @param accepted    for NEUTRAL_ONLY, the values accepted
     * @param note        why the field is refused or ignored, or what the neutral value is (read by the client)
     */
    public record Rule(Disposition disposition, Predicate<JsonNode> accepted, String note) {
    }

    private final String objectName;
    private final Map<String, Rule> rules;

    private FieldRules(String objectName, Map<String, Rule> rules) {
        this.objectName = objectName;
        this.rules = rules;
    }

    /** @param objectName how errors name the object, e.g. "a chat completion request" */
    public static Builder of(String objectName) {
        return new Builder(objectName);
    }

    /** The rules by field name, in the order they were declared. */
    public Map<String, Rule> rules() {
        return rules;
    }

    /**
     * Refuses (400) the first field of {@code object} that is unknown, refused, or not at its neutral value.
     *
     * @param at where the object is in the request ("" for the body itself, else e.g. "messages[2].")
     */
    public void check(JsonNode object, String at) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                continue;
            }
            Rule rule = rules.get(field.getKey());
            String name = at + field.getKey();
            if (rule == null) {
                throw GatewayException.invalidRequest("unknown_parameter", "'" + quoted(name) + "' is not a field of "
                        + objectName + suggestion(field.getKey(), rules.keySet()) + "; remove it.");
            }
            switch (rule.disposition()) {
                case REFUSED -> throw GatewayException.invalidRequest("unsupported_parameter",
                        "'" + name + "' is not supported by this gateway: " + rule.note() + ". Remove it.");
                case NEUTRAL_ONLY -> {
                    if (!rule.accepted().test(field.getValue())) {
                        throw GatewayException.invalidRequest("unsupported_parameter",
                                "'" + name + "' must be " + rule.note() + ". Send that value or leave the field out.");
                    }
                }
                case SERVED, IGNORED -> {
                }
            }
        }
    }

    private static String suggestion(String name, Collection<String> known) {
        if (name.length() > MAX_NAME_FOR_SUGGESTION) {
            return "";
        }
        return NearestName.nearest(name, known).filter(match -> match.likely(name))
                .map(match -> " (did you mean '" + match.name() + "'?)").orElse("");
    }

    /** The name as the caller sent it, cut: it is any string. */
    private static String quoted(String name) {
        return name.length() > MAX_NAME_FOR_SUGGESTION ? name.substring(0, MAX_NAME_FOR_SUGGESTION) + "..." : name;
    }

    /** Declares the rules of one kind of object. */
    public static final class Builder {

        private final String objectName;
        private final Map<String, Rule> rules = new LinkedHashMap<>();

        private Builder(String objectName) {
            this.objectName = objectName;
        }

        /** @param what what the gateway does with the field, for the API reference */
        public Builder served(String name, String what) {
            return add(name, new Rule(Disposition.SERVED, value -> true, what));
        }

        /**
         * A field accepted only at the value that changes nothing (what the API does without it).
         *
         * @param neutral the values accepted
         * @param which   those values and why, as the error says them ("1: one answer per request")
         */
        public Builder neutralOnly(String name, Predicate<JsonNode> neutral, String which) {
            return add(name, new Rule(Disposition.NEUTRAL_ONLY, neutral, which));
        }

        /** @param reason why ignoring the field changes nothing the client relies on */
        public Builder ignored(String name, String reason) {
            return add(name, new Rule(Disposition.IGNORED, value -> true, reason));
        }

        /** @param reason why the gateway cannot serve it (and what to do instead, where there is something) */
        public Builder refused(String name, String reason) {
            return add(name, new Rule(Disposition.REFUSED, value -> false, reason));
        }

        private Builder add(String name, Rule rule) {
            if (rules.putIfAbsent(name, rule) != null) {
                throw new IllegalArgumentException(name + " has two rules");
            }
            return this;
        }

        public FieldRules build() {
            return new FieldRules(objectName, Collections.unmodifiableMap(new LinkedHashMap<>(rules)));
        }
    }
}
