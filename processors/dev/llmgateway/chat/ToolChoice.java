package dev.llmgateway.chat;

/**
 * Whether the model may, must or must not call a tool.
 *
 * @param kind what is asked
 * @param name the tool to call, for {@link Kind#TOOL} only
 */
public record ToolChoice(Kind kind, String name) {

    public static final ToolChoice AUTO = new ToolChoice(Kind.AUTO, null);
    public static final ToolChoice ANY = new ToolChoice(Kind.ANY, null);
    public static final ToolChoice NONE = new ToolChoice(Kind.NONE, null);

    public enum Kind {
        /** The model decides. */
        AUTO,
        /** The model must call one of the tools. */
        ANY,
        /** The model must not call a tool. */
        NONE,
        /** The model must call the named tool. */
        TOOL
    }

    public static ToolChoice tool(String name) {
        return new ToolChoice(Kind.TOOL, name);
    }
}
