package dev.llmgateway.cache;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** all-MiniLM-L6-v2 run in-process through ONNX Runtime (the model ships inside its jar): no network, no key. */
public class LocalMiniLmEmbedder implements Embedder {

    static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    /** Loads the model and runs it once, so the first request does not pay for loading and warming up. */
    public LocalMiniLmEmbedder() {
        embed("warm up");
    }

    @Override
    public float[] embed(String text) {
        return Vectors.normalized(model.embed(text).content().vector());
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2";
    }
}
