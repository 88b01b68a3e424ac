package dev.llmgateway.stream;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens of text that went through a stream the upstream never reported usage for (the client left,
 * or the stream broke before its metadata event). An estimate: Claude's tokenizer is not public.
 */
final class StreamedTokens {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private StreamedTokens() {
    }

    static int count(CharSequence text) {
        return text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text.toString());
    }
}
