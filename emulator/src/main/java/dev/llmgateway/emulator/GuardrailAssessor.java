package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ApplyGuardrail's answer for one guardrail and one request, in Bedrock's shape: {@code action} NONE or
 * GUARDRAIL_INTERVENED; {@code outputs} empty when nothing was done, the blocked messaging when a policy blocked, else
 * each text block with its sensitive information masked as {@code {EMAIL}}; {@code assessments} naming what was
 * found; {@code usage} in text units of 1,000 characters per policy; {@code guardrailCoverage}.
 */
final class GuardrailAssessor {
    static final Set<String> PII_TYPES = Set.of("EMAIL", "PHONE");
    private static final Map<String, Pattern> PII_PATTERNS = Map.of(
            "EMAIL", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
            "PHONE", Pattern.compile("\\+?\\(?\\d{1,4}\\)?[ .-]?\\d{2,4}[ .-]?\\d{3,4}[ .-]?\\d{3,4}"));
    private static final int CHARACTERS_PER_UNIT = 1000;

    private GuardrailAssessor() {
    }

    static ObjectNode assess(GuardrailDefinition guardrail, JsonNode body, long startNanos) {
        boolean input = source(body);
        List<String> texts = texts(body);
        ArrayNode topics = Json.MAPPER.createArrayNode();
        ArrayNode words = Json.MAPPER.createArrayNode();
        ArrayNode pii = Json.MAPPER.createArrayNode();
        boolean blocked = false;
        List<String> masked = new ArrayList<>();
        for (String text : texts) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (GuardrailDefinition.Topic topic : guardrail.topics()) {
                if (GuardrailDefinition.applies(topic.input(), topic.output(), input)
                        && topic.words().stream().anyMatch(w -> containsWord(lower, w.toLowerCase(Locale.ROOT)))) {
                    topics.addObject().put("name", topic.name()).put("type", "DENY").put("action", "BLOCKED")
                            .put("detected", true);
                    blocked = true;
                }
            }
            for (GuardrailDefinition.Word word : guardrail.words()) {
                if (GuardrailDefinition.applies(word.input(), word.output(), input)
                        && containsWord(lower, word.text().toLowerCase(Locale.ROOT))) {
                    words.addObject().put("match", word.text()).put("action", "BLOCKED").put("detected", true);
                    blocked = true;
                }
            }
            String maskedText = text;
            for (GuardrailDefinition.Pii entity : guardrail.pii()) {
                if (!GuardrailDefinition.applies(entity.input(), entity.output(), input)) {
                    continue;
                }
                Matcher m = PII_PATTERNS.get(entity.type()).matcher(maskedText);
                StringBuilder out = new StringBuilder();
                int last = 0;
                while (m.find()) {
                    pii.addObject().put("match", m.group()).put("type", entity.type())
                            .put("action", entity.action()).put("detected", true);
                    blocked |= "BLOCKED".equals(entity.action());
                    out.append(maskedText, last, m.start()).append('{').append(entity.type()).append('}');
                    last = m.end();
                }
                maskedText = out.append(maskedText, last, maskedText.length()).toString();
            }
            masked.add(maskedText);
        }
        boolean intervened = blocked || !pii.isEmpty();
        int characters = texts.stream().mapToInt(String::length).sum();
        ObjectNode answer = Json.object();
        ObjectNode usage = usage(guardrail, characters);
        answer.set("usage", usage);
        answer.put("action", intervened ? "GUARDRAIL_INTERVENED" : "NONE");
        if (intervened) {
            answer.put("actionReason", blocked ? "Guardrail blocked." : "Guardrail masked.");
        }
        ArrayNode outputs = answer.putArray("outputs");
        if (blocked) {
            outputs.addObject().put("text", input ? guardrail.blockedInputMessaging()
                    : guardrail.blockedOutputsMessaging());
        } else if (intervened) {
            masked.forEach(text -> outputs.addObject().put("text", text));
        }
        ObjectNode assessment = answer.putArray("assessments").addObject();
        if (!topics.isEmpty()) {
            assessment.putObject("topicPolicy").set("topics", topics);
        }
        if (!words.isEmpty()) {
            ObjectNode wordPolicy = assessment.putObject("wordPolicy");
            wordPolicy.set("customWords", words);
            wordPolicy.putArray("managedWordLists");
        }
        if (!pii.isEmpty()) {
            ObjectNode sensitive = assessment.putObject("sensitiveInformationPolicy");
            sensitive.set("piiEntities", pii);
            sensitive.putArray("regexes");
        }
        ObjectNode metrics = assessment.putObject("invocationMetrics");
        metrics.put("guardrailProcessingLatency", (System.nanoTime() - startNanos) / 1_000_000);
        metrics.set("usage", usage.deepCopy());
        metrics.set("guardrailCoverage", coverage(characters));
        answer.set("guardrailCoverage", coverage(characters));
        return answer;
    }

    private static boolean source(JsonNode body) {
        String source = body.path("source").asText("");
        if (!source.equals("INPUT") && !source.equals("OUTPUT")) {
            throw BedrockFailure.constraintViolated("'" + source + "'", "source",
                    "Member must satisfy enum value set: [INPUT, OUTPUT]");
        }
        return source.equals("INPUT");
    }

    private static List<String> texts(JsonNode body) {
        JsonNode content = body.path("content");
        if (!content.isArray()) {
            throw BedrockFailure.constraintViolated("null", "content", "Member must not be null");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            JsonNode text = block.path("text").path("text");
            if (!text.isTextual()) {
                throw BedrockFailure.validation("The guardrail content block must contain text.");
            }
            texts.add(text.textValue());
        }
        return texts;
    }

    /** Whether {@code word} stands in {@code text} as a whole word (both already lower case). */
    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode usage(GuardrailDefinition guardrail, int characters) {
        int units = (characters + CHARACTERS_PER_UNIT - 1) / CHARACTERS_PER_UNIT;
        ObjectNode usage = Json.object();
        usage.put("topicPolicyUnits", guardrail.topics().isEmpty() ? 0 : units);
        usage.put("contentPolicyUnits", 0);
        usage.put("wordPolicyUnits", guardrail.words().isEmpty() ? 0 : units);
        usage.put("sensitiveInformationPolicyUnits", guardrail.pii().isEmpty() ? 0 : units);
        usage.put("sensitiveInformationPolicyFreeUnits", 0);
        usage.put("contextualGroundingPolicyUnits", 0);
        return usage;
    }

    private static ObjectNode coverage(int characters) {
        ObjectNode coverage = Json.object();
        coverage.putObject("textCharacters").put("guarded", characters).put("total", characters);
        return coverage;
    }
}
