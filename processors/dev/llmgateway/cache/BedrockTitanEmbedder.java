package dev.llmgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * Titan Text Embeddings v2 on Bedrock, through camel-aws-bedrock's invokeEmbeddingsModel on the gateway's client for
 * one region. It runs its own small Camel context: the cache is built before the application's context exists
 * (and Camel Main injects no context into beans bound before it starts).
 */
public class BedrockTitanEmbedder implements Embedder {

    private static final String CLIENT = "titan-embeddings-client";
    private static final String ASYNC_CLIENT = "titan-embeddings-async-client";
    // Given both clients, the endpoint builds none of its own (which would need a region and credentials).
    private static final String ENDPOINT = "aws-bedrock:titan-embeddings?operation=invokeEmbeddingsModel"
            + "&pojoRequest=true&bedrockRuntimeClient=#" + CLIENT + "&bedrockRuntimeAsyncClient=#" + ASYNC_CLIENT;

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final String modelId;
    private final int dimensions;

    /**
     * @param client      the Bedrock Runtime client of the region to call
     * @param asyncClient the async client of the same region, which the endpoint requires but this does not use
     * @param modelId     e.g. amazon.titan-embed-text-v2:0
     * @param dimensions  256, 512 or 1024
     */
    public BedrockTitanEmbedder(BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient, String modelId,
                                int dimensions) {
        this.modelId = modelId;
        this.dimensions = dimensions;
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("llmgw-titan-embedder");
        context.getRegistry().bind(CLIENT, client);
        context.getRegistry().bind(ASYNC_CLIENT, asyncClient);
        context.start();
        this.camel = context;
        this.producer = context.createProducerTemplate();
    }

    @Override
    public float[] embed(String text) {
        InvokeModelRequest request = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArray(Json.bytes(Map.of("inputText", text, "dimensions", dimensions,
                        "normalize", true))))
                .build();
        Exchange result = producer.send(ENDPOINT, exchange -> exchange.getMessage().setBody(request));
        if (result.getException() != null) {
            throw RuntimeCamelException.wrapRuntimeCamelException(result.getException());
        }
        JsonNode embedding = readJson(result.getMessage().getBody(InvokeModelResponse.class).body().asByteArray())
                .path("embedding");
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

    /** Stops the Camel context; the clients belong to whoever passed them in. */
    @Override
    public void close() {
        camel.stop();
    }
}
