package dev.llmgateway.stream;

import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.guard.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reasoning blocks of one streamed answer: which of Bedrock's content blocks is which reasoning block (the client
 * numbers them from 0), and each block's text and signature as they arrive, to give the whole blocks back at the end.
 */
final class StreamedReasoning {

    private final Map<Integer, Integer> byBlock = new HashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    private static final class Block {
        final StringBuilder text = new StringBuilder();
        String signature;
        byte[] redacted;

        ContentBlock whole() {
            return redacted != null ? new ContentBlock.RedactedReasoning(redacted)
                    : new ContentBlock.Reasoning(text.toString(), signature);
        }
    }

    /** @return the client's number of the reasoning block at this Bedrock block, or -1 when it has none yet */
    int number(int block) {
        Integer number = byBlock.get(block);
        return number == null ? -1 : number;
    }

    /** @return the client's number of the reasoning block that starts at this Bedrock block */
    int start(int block) {
        byBlock.put(block, blocks.size());
        blocks.add(new Block());
        return blocks.size() - 1;
    }

    void appendText(int number, String text) {
        blocks.get(number).text.append(text);
    }

    void sign(int number, String signature) {
        Block block = blocks.get(number);
        block.signature = block.signature == null ? signature : block.signature + signature;
    }

    void redact(int number, byte[] data) {
        blocks.get(number).redacted = data;
    }

    /** @return the block as it stands: a redacted one, or the text and signature received */
    ContentBlock whole(int number) {
        return blocks.get(number).whole();
    }

    int count() {
        return blocks.size();
    }

    /** The tokens of the reasoning text received, by the gateway's count (redacted reasoning has none to count). */
    int tokens() {
        int tokens = 0;
        for (Block block : blocks) {
            tokens += TokenEstimator.rawCount(block.text.toString());
        }
        return tokens;
    }

    List<ContentBlock> blocks() {
        return blocks.stream().map(Block::whole).toList();
    }
}
