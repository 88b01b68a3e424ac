package dev.llmgateway.emulator;

import java.util.List;

/**
 * The tools a request offers, the choice it makes among them, and how the API it came through spells the
 * ids of the tool uses the model makes ({@code tooluse_} on Converse, {@code toolu_bdrk_} on InvokeModel).
 */
record ToolSet(List<ToolSpec> specs, ToolChoice choice, String toolUseIdPrefix) {
    static final ToolSet NONE = new ToolSet(List.of(), ToolChoice.AUTO, "");

    ToolSet {
        specs = List.copyOf(specs);
    }

    boolean isDefined() {
        return !specs.isEmpty();
    }

    int inputTokens() {
        return specs.stream().mapToInt(ToolSpec::inputTokens).sum();
    }
}
