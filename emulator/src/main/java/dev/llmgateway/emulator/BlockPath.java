package dev.llmgateway.emulator;

/** Where a content block sits in a request: its message and its index in that message's content, both from 0. */
record BlockPath(int message, int block) {

    /** As the model's errors name it: {@code messages.0.content.1}. */
    @Override
    public String toString() {
        return "messages." + message + ".content." + block;
    }

    /** As Bedrock's constraint errors name a member of it: {@code messages.0.member.content.1.member}. */
    String member() {
        return "messages." + message + ".member.content." + block + ".member";
    }

    /** As a JSON pointer into an Anthropic body: {@code #/messages/0/content/1}. */
    String pointer() {
        return "#/messages/" + message + "/content/" + block;
    }
}
