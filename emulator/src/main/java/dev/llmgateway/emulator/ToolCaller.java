package dev.llmgateway.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which tools the emulated model calls, and with what input.
 *
 * <p>A tool is <em>asked for</em> when the last user text contains its name (case-insensitive), or shares a
 * word of at least four letters that is not a stop word with its name (split at '_', '-' and case changes)
 * or its description. Then, by tool choice:
 * <ul>
 * <li>{@code auto}: every tool asked for, in the order of the tools list; none when none is, or when the last
 *     user turn carries tool results (that turn is answered in text);</li>
 * <li>{@code any}: every tool asked for, or the first tool when none is;</li>
 * <li>{@code tool}: the named tool;</li>
 * <li>{@code none} (Anthropic only): no tool.</li>
 * </ul>
 * Each call's input comes from {@link ToolInputBuilder}; its id is the API's prefix and 22 characters
 * derived from the conversation, the tool and the call's position, so the same request gets the same ids.
 */
final class ToolCaller {
    private static final int MIN_MATCHING_WORD = 4;
    private static final int ID_LENGTH = 22;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ToolCaller() {
    }

    static List<ToolCall> calls(ChatPrompt prompt) {
        ToolSet tools = prompt.tools();
        String request = prompt.lastUserText();
        List<ToolSpec> called = switch (tools.choice().mode()) {
            case NONE -> List.of();
            case TOOL -> tools.specs().stream().filter(t -> t.name().equals(tools.choice().toolName())).limit(1)
                    .collect(Collectors.toList());
            case ANY -> {
                List<ToolSpec> asked = askedFor(tools.specs(), request);
                yield asked.isEmpty() ? tools.specs().subList(0, Math.min(1, tools.specs().size())) : asked;
            }
            case AUTO -> prompt.lastUserTurn().toolResults().isEmpty() ? askedFor(tools.specs(), request) : List.of();
        };
        List<ToolCall> calls = new ArrayList<>();
        for (ToolSpec tool : called) {
            String seed = prompt.turns().size() + "\n" + request + "\n" + tool.name() + "\n" + calls.size();
            String id = tools.toolUseIdPrefix() + idSuffix(seed);
            calls.add(new ToolCall(id, tool.name(), ToolInputBuilder.inputFor(tool.inputSchema(), request)));
        }
        return calls;
    }

    private static List<ToolSpec> askedFor(List<ToolSpec> tools, String request) {
        Set<String> requestWords = matchingWords(request);
        return tools.stream().filter(tool -> mentions(request, tool.name())
                        || matchingWords(splitName(tool.name()) + " " + tool.description()).stream().anyMatch(requestWords::contains))
                .collect(Collectors.toList());
    }

    private static boolean mentions(String request, String toolName) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(toolName) + "(?![\\w-])", Pattern.CASE_INSENSITIVE).matcher(request).find();
    }

    private static Set<String> matchingWords(String text) {
        return ContentWords.of(text).stream().filter(w -> w.length() >= MIN_MATCHING_WORD).collect(Collectors.toSet());
    }

    /** {@code get_current-weatherNow} reads as {@code get current weather Now}. */
    private static String splitName(String name) {
        return name.replaceAll("([\\p{Ll}\\p{N}])(\\p{Lu})", "$1 $2").replace('_', ' ').replace('-', ' ');
    }

    private static String idSuffix(String seed) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        StringBuilder suffix = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            suffix.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
        }
        return suffix.toString();
    }
}
