package dev.llmgateway.emulator;

/** How one API words the refusals of image and document blocks that both APIs make ({@link MediaInspector}). */
interface MediaRefusals {

    BedrockFailure imageTooLarge(BlockPath at, long base64Bytes);

    /** The bytes are no image type Bedrock knows, or their header says no size. */
    BedrockFailure imageUnreadable(BlockPath at);

    BedrockFailure imageOfOtherType(BlockPath at, ImageType declared, ImageType actual);

    BedrockFailure imageDimensionsTooLarge(BlockPath at);

    BedrockFailure documentUnreadable(BlockPath at);

    /** {@code blockType} as the model names it: {@code image} or {@code document}. */
    BedrockFailure notInAssistantTurn(int message, String blockType);

    BedrockFailure tooManyImagesAndDocuments(int images, int documents);
}
