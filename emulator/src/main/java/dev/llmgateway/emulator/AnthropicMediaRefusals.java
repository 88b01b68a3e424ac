package dev.llmgateway.emulator;

/** Anthropic's wording, as Bedrock passes it through on InvokeModel: the block's path in the Messages body, no prefix. */
final class AnthropicMediaRefusals implements MediaRefusals {
    static final AnthropicMediaRefusals INSTANCE = new AnthropicMediaRefusals();

    private AnthropicMediaRefusals() {
    }

    @Override
    public BedrockFailure imageTooLarge(BlockPath at, long base64Bytes) {
        return BedrockFailure.validation(at + ".image.source.base64: image exceeds 5 MB maximum: " + base64Bytes + " bytes > "
                + MediaInspector.MAX_IMAGE_BASE64_BYTES + " bytes");
    }

    @Override
    public BedrockFailure imageUnreadable(BlockPath at) {
        return BedrockFailure.validation(at + ".image.source.base64: Could not process image");
    }

    @Override
    public BedrockFailure imageOfOtherType(BlockPath at, ImageType declared, ImageType actual) {
        return BedrockFailure.validation(at + ".image.source.base64: The image was specified using the " + declared.mediaType()
                + " media type, but the image appears to be a " + actual.mediaType() + " image");
    }

    @Override
    public BedrockFailure imageDimensionsTooLarge(BlockPath at) {
        return BedrockFailure.validation(at + ".image.source.base64.data: At least one of the image dimensions exceed max allowed size: "
                + MediaInspector.MAX_IMAGE_EDGE + " pixels");
    }

    @Override
    public BedrockFailure documentUnreadable(BlockPath at) {
        return BedrockFailure.validation(at + ".document.source.base64.data: The PDF specified was not valid.");
    }

    @Override
    public BedrockFailure notInAssistantTurn(int message, String blockType) {
        return BedrockFailure.validation("messages." + message + ".content: '" + blockType
                + "' blocks are not permitted within assistant turns.");
    }

    @Override
    public BedrockFailure tooManyImagesAndDocuments(int images, int documents) {
        return BedrockFailure.validation("too many images and documents: " + images + " + " + documents + " > "
                + MediaInspector.MAX_IMAGES_AND_DOCUMENTS);
    }
}
