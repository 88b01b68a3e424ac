package dev.llmgateway.emulator;

/**
 * Converse's wording: the checks the model makes come back with Bedrock's prefix "The model returned the
 * following errors:" and the block's path in the Converse request ({@code messages.0.content.1.image.source.bytes}).
 */
final class ConverseMediaRefusals implements MediaRefusals {
    static final ConverseMediaRefusals INSTANCE = new ConverseMediaRefusals();
    private static final String MODEL_ERRORS = "The model returned the following errors: ";

    private ConverseMediaRefusals() {
    }

    @Override
    public BedrockFailure imageTooLarge(BlockPath at, long base64Bytes) {
        return modelError(at + ".image.source.bytes: image exceeds 5 MB maximum: " + base64Bytes + " bytes > "
                + MediaInspector.MAX_IMAGE_BASE64_BYTES + " bytes");
    }

    @Override
    public BedrockFailure imageUnreadable(BlockPath at) {
        return modelError(at + ".image.source.bytes: Could not process image");
    }

    @Override
    public BedrockFailure imageOfOtherType(BlockPath at, ImageType declared, ImageType actual) {
        return modelError(at + ".image.source.bytes: The image was specified using the " + declared.mediaType()
                + " media type, but the image appears to be a " + actual.mediaType() + " image");
    }

    @Override
    public BedrockFailure imageDimensionsTooLarge(BlockPath at) {
        return modelError(at + ".image.source.bytes: At least one of the image dimensions exceed max allowed size: "
                + MediaInspector.MAX_IMAGE_EDGE + " pixels");
    }

    @Override
    public BedrockFailure documentUnreadable(BlockPath at) {
        return modelError(at + ".source.bytes: The document source bytes could not be parsed as the specified format. "
                + "If using a text-based format, try source.text instead of source.bytes.");
    }

    @Override
    public BedrockFailure notInAssistantTurn(int message, String blockType) {
        return modelError("messages." + message + ".content: '" + blockType + "' blocks are not permitted within assistant turns.");
    }

    @Override
    public BedrockFailure tooManyImagesAndDocuments(int images, int documents) {
        return modelError("too many images and documents: " + images + " + " + documents + " > "
                + MediaInspector.MAX_IMAGES_AND_DOCUMENTS);
    }

    /** A check the model made, as Bedrock relays it. */
    static BedrockFailure modelError(String message) {
        return BedrockFailure.validation(MODEL_ERRORS + message);
    }
}
