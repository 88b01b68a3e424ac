package dev.llmgateway.guard.tokens;

/**
 * How far a jtokkit count is scaled up to stay above what a model family's own tokenizer reports.
 *
 * @param multiplier         factor applied to the cl100k_base count of all message texts
 * @param perMessageTokens   tokens added per message for the role framing the upstream wraps around each turn
 * @param fixedTokens        tokens added once per request for the framing around the whole prompt
 */
public record FamilyMargin(double multiplier, int perMessageTokens, int fixedTokens) {

    /**
     * Claude's tokenizer is not public. Published comparisons of Claude 3.5 against OpenAI tokenizers on
     * the same inputs found Claude using about 16% more tokens on English prose, 21% on maths and 30% on
     * code; cl100k_base already counts a few percent more than o200k_base on the same text. A factor of 1.3
     * over cl100k_base therefore covers the worst measured domain, and the framing tokens cover the role
     * markers of the Messages API. Recalibrate with {@link TokenMarginCalibrator} from the usage Bedrock reports.
     */
    public static final FamilyMargin CLAUDE = new FamilyMargin(1.30, 7, 10);
    /**
     * Nova's tokenizer is not public. Like {@link #LLAMA} and {@link #MISTRAL}, an uncalibrated estimate that errs
     * high, chosen from what is known of the tokenizer rather than measured against Bedrock's usage: recalibrate with
     * {@link TokenMarginCalibrator} once real usage is collected. Close to {@link #UNKNOWN}.
     */
    public static final FamilyMargin NOVA = new FamilyMargin(1.40, 8, 16);
    /**
     * Llama 3 tokenizes with cl100k's vocabulary plus 28K more tokens and Llama 4 with a larger tiktoken vocabulary, so
     * both rarely count more than cl100k; the factor covers what they split finer, the framing the chat template's
     * header and end-of-turn tokens. Uncalibrated, like {@link #NOVA}.
     */
    public static final FamilyMargin LLAMA = new FamilyMargin(1.20, 8, 16);
    /** Mistral's tokenizers (SentencePiece, then Tekken) differ from cl100k: Claude's factor. Uncalibrated. */
    public static final FamilyMargin MISTRAL = new FamilyMargin(1.30, 8, 16);
    /** Titan's tokenizer is not public; its embeddings take one text without framing. */
    public static final FamilyMargin TITAN_EMBED = new FamilyMargin(1.25, 0, 2);
    /** Cohere Embed v3's multilingual tokenizer differs from cl100k: Titan's margin, plus its start and end tokens. */
    public static final FamilyMargin COHERE_EMBED = new FamilyMargin(1.25, 0, 2);
    /** For a family nobody configured: generous, so an unknown tokenizer errs towards refusing. */
    public static final FamilyMargin UNKNOWN = new FamilyMargin(1.5, 8, 16);

    public FamilyMargin {
        if (!(multiplier >= 1.0) || perMessageTokens < 0 || fixedTokens < 0) {
            throw new IllegalArgumentException("a token margin needs a multiplier of at least 1 and no negative overheads, got "
                    + multiplier + ", " + perMessageTokens + ", " + fixedTokens);
        }
    }
}
