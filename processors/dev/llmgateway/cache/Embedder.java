package dev.llmgateway.cache;

/** Turns a text into a sentence-embedding vector, unit length, so that cosine similarity is a dot product. */
public interface Embedder extends AutoCloseable {

    /** @return the unit-length vector of the text; throws when the model cannot embed it */
    float[] embed(String text);

    /** @return the length of every vector this embedder returns */
    int dimensions();

    /** @return a name for the model and its settings; vectors of embedders with different ids are not comparable */
    String id();

    /** Releases what the embedder holds; nothing by default. */
    @Override
    default void close() {
    }
}
