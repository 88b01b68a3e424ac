package dev.llmgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;

/** Titan Text Embeddings v2 on Bedrock, through InvokeModel on the gateway's client for one region. */
public class BedrockTitanEmbedder implements Embedder {

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final int dimensions;

    /**
     * @param client     the Bedrock Runtime client of the region to call
     * @param modelId    e.g. amazon.titan-embed-text-v2:0
     * @param dimensions 256, 512 or 1024
     */
    public BedrockTitanEmbedder(BedrockRuntimeClient client, String modelId, int dimensions) {
        this.client = client;
        this.modelId = modelId;
        this.dimensions = dimensions;
    }

    @Override
    public float[] embed(String text) {
        byte[] body = Json.bytes(Map.of("inputText", text, "dimensions", dimensions, "normalize", true));
        var response = client.invokeModel(InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArray(body))
                .build());
        JsonNode embedding = readJson(response.body().asByteArray()).path("embedding");
        if (!embedding.isArray() || embedding.size() != dimensions) {
            throw new IllegalStateException("Titan returned an embedding of " + embedding.size() + " values, expected "
                    + dimensions);
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = embedding.get(i).floatValue();
        }
        return Vectors.normalized(vector);
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Titan's answer is not JSON", e);
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String id() {
        return modelId + "/" + dimensions;
    }
}
