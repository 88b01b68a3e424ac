package dev.llmgateway.guard.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.ToolSpec;
import java.util.Map;

/**
 * Estimates, from above, how many tokens a model family will count for a prompt: the cl100k_base count
 * of the texts scaled by the family's {@link FamilyMargin}. Camel-free and thread-safe.
 */
public class TokenEstimator {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private final Map<String, FamilyMargin> margins;

    /** @param margins per model family (e.g. claude, nova); families not listed use {@link FamilyMargin#UNKNOWN} */
    public TokenEstimator(Map<String, FamilyMargin> margins) {
        this.margins = Map.copyOf(margins);
    }

    public static TokenEstimator withDefaultMargins() {
        return new TokenEstimator(defaultMargins());
    }

    public static Map<String, FamilyMargin> defaultMargins() {
        return Map.of("claude", FamilyMargin.CLAUDE, "nova", FamilyMargin.NOVA, "llama", FamilyMargin.LLAMA,
                "mistral", FamilyMargin.MISTRAL, "titan-embed", FamilyMargin.TITAN_EMBED,
                "cohere-embed", FamilyMargin.COHERE_EMBED);
    }

    /** @return the cl100k_base count of the text, special-token lookalikes counted as plain text */
    public static int rawCount(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    /**
     * @return the cl100k_base count of the answer's reasoning text: what the APIs report as reasoning tokens (Bedrock
     *         reports none apart, and bills them as output tokens)
     */
    public static int reasoningTokens(ChatResponse response) {
        int total = 0;
        for (ContentBlock block : response.reasoning()) {
            if (block instanceof ContentBlock.Reasoning reasoning) {
                total += rawCount(reasoning.text());
            }
        }
        return total;
    }

    /** @return the cl100k_base count of all message texts of the request, without any margin */
    public static int rawCount(ChatRequest request) {
        int total = 0;
        for (ChatMessage message : request.messages()) {
            total += rawCount(message.content()) + rawCount(message.reasoningText())
                    + MediaTokens.estimate(message.blocks());
        }
        for (ToolSpec tool : request.tools()) {
            // the model reads every tool's definition with the prompt
            total += rawCount(tool.name()) + rawCount(tool.description()) + rawCount(tool.inputSchema().toString());
        }
        if (request.responseFormat() != null) {
            // sent as the one tool the model must call
            total += rawCount(request.responseFormat().schema().toString());
        }
        return total;
    }

    public FamilyMargin margin(String family) {
        return margins.getOrDefault(family, FamilyMargin.UNKNOWN);
    }

    /** @return the estimated prompt tokens of a chat request for the given model family */
    public int estimate(ChatRequest request, String family) {
        return estimate(rawCount(request), request.messages().size(), family);
    }

    /** @return the same for a request whose message texts are already counted: {@code rawTokens} in all */
    public int estimate(int rawTokens, int messages, String family) {
        FamilyMargin margin = margin(family);
        return scale(rawTokens, margin) + margin.fixedTokens() + margin.perMessageTokens() * messages;
    }

    /** @return the estimated tokens of one text, e.g. an embedding input, for the given model family */
    public int estimate(String text, String family) {
        FamilyMargin margin = margin(family);
        return scale(rawCount(text), margin) + margin.fixedTokens();
    }

    private static int scale(int raw, FamilyMargin margin) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(raw * margin.multiplier()));
    }
}
