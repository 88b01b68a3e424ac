package dev.llmgateway.bench;

/** What every benchmark stream asks for: a prompt long enough that the emulator's answer runs to max_tokens. */
final class StreamPrompt {

    static final int OUTPUT_TOKENS = 100;
    static final String TEXT = ("The river flooded the valley in spring and farmers lost their crops. "
            + "The town rebuilt the levee over the summer with help from the county. "
            + "Engineers restored wetlands upstream to absorb water in future storms. ").repeat(8).trim();

    private StreamPrompt() {
    }
}
