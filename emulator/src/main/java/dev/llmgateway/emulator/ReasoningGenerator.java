package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Claude's extended thinking on Converse, as the emulator plays it. The request's
 * {@code additionalModelRequestFields.thinking} is checked with Claude's own wording; with thinking on, the answer
 * starts with a reasoning block whose text is derived from the prompt and signed ({@link ThinkingSignatures}), or
 * with a redacted one when the user sends Anthropic's test trigger for redacted thinking. Its tokens count in the
 * output and in {@code maxTokens}. Reasoning blocks sent back in assistant turns must carry their signature intact,
 * and with thinking on, an assistant turn answered by tool results must start with one, as Claude requires.
 */
final class ReasoningGenerator {
    /** The string that makes Claude answer with redacted thinking, for clients to test that path. */
    static final String REDACTED_TRIGGER = "ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_"
            + "46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB";
    private static final int MIN_BUDGET = 1024;
    private static final int QUOTED_WORDS = 12;
    private static final String MODEL_ERRORS = "The model returned the following errors: ";
    private static final String DOCS = " Please consult our documentation at "
            + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    private ReasoningGenerator() {
    }

    /**
     * @param body a Converse body, whose reasoning blocks are checked, and whose thinking is read
     * @return the answer: with a reasoning block first when thinking is on
     */
    static GeneratedAnswer answer(ChatPrompt prompt, JsonNode body) {
        Integer budget = budget(body.path("additionalModelRequestFields").path("thinking"), prompt);
        checkReasoningSentBack(body.path("messages"), budget != null);
        if (budget == null) {
            return AnswerGenerator.answer(prompt);
        }
        String thought = thought(prompt);
        List<String> pieces = EmulatorTokenizer.pieces(thought);
        List<String> kept = pieces.subList(0, Math.min(pieces.size(), Math.min(budget, prompt.maxTokens() - 1)));
        String text = String.join("", kept);
        AnswerBlock reasoning = prompt.lastUserText().contains(REDACTED_TRIGGER)
                ? new AnswerBlock.RedactedReasoning(ThinkingSignatures.redacted(text))
                : new AnswerBlock.Reasoning(text, kept, ThinkingSignatures.sign(text));
        GeneratedAnswer rest = AnswerGenerator.answer(new ChatPrompt(prompt.system(), prompt.turns(),
                prompt.maxTokens() - reasoning.pieces().size(), prompt.stopSequences(), prompt.tools(),
                prompt.answerSchema()));
        List<AnswerBlock> blocks = new ArrayList<>();
        blocks.add(reasoning);
        blocks.addAll(rest.blocks());
        return new GeneratedAnswer(blocks, rest.stopReason(), rest.stopSequence());
    }

    /** @return the thinking budget, or null when thinking is off */
    private static Integer budget(JsonNode thinking, ChatPrompt prompt) {
        if (thinking.isMissingNode() || thinking.isNull()) {
            return null;
        }
        String type = thinking.path("type").asText("");
        if ("disabled".equals(type)) {
            return null;
        }
        if (!"enabled".equals(type)) {
            throw BedrockFailure.validation(MODEL_ERRORS + "thinking: Input tag '" + type + "' found using 'type' "
                    + "does not match any of the expected tags: 'disabled', 'enabled'");
        }
        JsonNode budget = thinking.path("budget_tokens");
        if (!budget.canConvertToInt()) {
            throw BedrockFailure.validation(MODEL_ERRORS + "thinking.enabled.budget_tokens: Field required");
        }
        if (budget.asInt() < MIN_BUDGET) {
            throw BedrockFailure.validation(MODEL_ERRORS + "thinking.enabled.budget_tokens: Input should be greater "
                    + "than or equal to " + MIN_BUDGET);
        }
        if (prompt.maxTokens() <= budget.asInt()) {
            throw BedrockFailure.validation(MODEL_ERRORS + "`max_tokens` must be greater than "
                    + "`thinking.budget_tokens`." + DOCS + "#max-tokens-and-context-window-size");
        }
        ToolChoice.Mode choice = prompt.tools().choice().mode();
        if (choice == ToolChoice.Mode.ANY || choice == ToolChoice.Mode.TOOL) {
            throw BedrockFailure.validation(MODEL_ERRORS + "Thinking may not be enabled when tool_choice forces tool "
                    + "use.");
        }
        return budget.asInt();
    }

    /**
     * Every reasoning block sent back must be the model's own, unchanged; with thinking on, the assistant turn that
     * the last tool results answer must start with one.
     */
    private static void checkReasoningSentBack(JsonNode messages, boolean thinking) {
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            for (int b = 0; b < content.size(); b++) {
                JsonNode reasoning = content.get(b).get("reasoningContent");
                if (reasoning != null) {
                    check(reasoning, "messages." + m + ".content." + b);
                }
            }
        }
        int last = messages.size() - 1;
        if (!thinking || last < 1 || !hasBlock(messages.get(last), "toolResult")) {
            return;
        }
        JsonNode first = messages.get(last - 1).path("content").path(0);
        if (!first.has("reasoningContent")) {
            throw BedrockFailure.validation(MODEL_ERRORS + "messages." + (last - 1) + ".content.0.type: Expected "
                    + "`thinking` or `redacted_thinking`, but found `" + (first.has("toolUse") ? "tool_use" : "text")
                    + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking block "
                    + "(preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include "
                    + "thinking blocks from previous turns. To avoid this requirement, disable `thinking`." + DOCS);
        }
    }

    private static void check(JsonNode reasoning, String at) {
        if (reasoning.has("redactedContent")) {
            byte[] data;
            try {
                data = Base64.getDecoder().decode(reasoning.path("redactedContent").asText(""));
            } catch (IllegalArgumentException e) {
                data = new byte[0];
            }
            if (!ThinkingSignatures.verifyRedacted(data)) {
                throw BedrockFailure.validation(MODEL_ERRORS + at + ": Invalid `data` in `redacted_thinking` block");
            }
            return;
        }
        JsonNode text = reasoning.path("reasoningText");
        if (!text.path("signature").isTextual()) {
            throw BedrockFailure.validation(MODEL_ERRORS + at + ".thinking.signature: Field required");
        }
        if (!ThinkingSignatures.verify(text.path("text").asText(""), text.path("signature").asText())) {
            throw BedrockFailure.validation(MODEL_ERRORS + at + ": Invalid `signature` in `thinking` block");
        }
    }

    private static boolean hasBlock(JsonNode message, String kind) {
        for (JsonNode block : message.path("content")) {
            if (block.has(kind)) {
                return true;
            }
        }
        return false;
    }

    /** What the emulated model thinks: what was asked, and how it will answer it. */
    static String thought(ChatPrompt prompt) {
        String asked = prompt.lastUserText().strip();
        String[] words = asked.split("\\s+");
        String quoted = words.length <= QUOTED_WORDS ? asked
                : String.join(" ", List.of(words).subList(0, QUOTED_WORDS)) + " ...";
        StringBuilder thought = new StringBuilder("The user asks: \"").append(quoted).append("\".");
        if (!prompt.lastUserTurn().toolResults().isEmpty()) {
            thought.append(" A tool has answered; I will report what it said.");
        } else if (prompt.tools().isDefined() && prompt.tools().choice().mode() != ToolChoice.Mode.NONE) {
            thought.append(" Tools on offer: ").append(prompt.tools().specs().stream().map(ToolSpec::name)
                    .collect(Collectors.joining(", "))).append("; one of them may answer it.");
        } else {
            thought.append(" I will answer from what the message says.");
        }
        return thought.toString();
    }
}
