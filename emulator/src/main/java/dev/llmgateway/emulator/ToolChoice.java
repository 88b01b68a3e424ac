package dev.llmgateway.emulator;

/** Whether the model may, must, or must not call tools; {@code toolName} is set for {@link Mode#TOOL} only. */
record ToolChoice(Mode mode, String toolName) {
    static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    static final ToolChoice ANY = new ToolChoice(Mode.ANY, null);
    static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

    /** NONE exists in Anthropic's Messages API only. */
    enum Mode { AUTO, ANY, TOOL, NONE }

    static ToolChoice tool(String name) {
        return new ToolChoice(Mode.TOOL, name);
    }
}
