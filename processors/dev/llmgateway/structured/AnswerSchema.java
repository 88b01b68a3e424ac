package dev.llmgateway.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ResponseFormat;
import java.util.List;

/**
 * The JSON Schema an answer must match, ready to check answers against. The schema is the caller's: it may refer
 * only to itself ({@code #/$defs/...}), never to a file or an address the gateway would have to read.
 */
public final class AnswerSchema {

    private static final int MAX_PROBLEMS = 3;
    /** Bounds on a schema, so that checking an answer against it stays cheap whatever the caller sends. */
    private static final int MAX_NODES = 10_000;
    private static final int MAX_DEPTH = 32;
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .regularExpressionFactory(Re2RegularExpressions.INSTANCE).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)
                            .block(iri -> !iri.toString().startsWith("https://json-schema.org/"))));

    private final String name;
    private final Schema schema;

    private AnswerSchema(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** @throws GatewayException 400 when the schema cannot be used, naming why */
    public static AnswerSchema of(ResponseFormat format) {
        if (!"object".equals(format.schema().path("type").asText())) {
            throw GatewayException.invalidRequest("invalid_value", "response_format's schema '" + format.name()
                    + "' must describe an object (\"type\": \"object\"): Bedrock answers structured output as a tool "
                    + "input, which is an object.");
        }
        if (tooLarge(format.schema(), 0, new int[1])) {
            throw GatewayException.invalidRequest("invalid_value", "response_format's schema '" + format.name()
                    + "' is larger than the gateway checks answers against (" + MAX_NODES + " nodes, nested "
                    + MAX_DEPTH + " deep); simplify it.");
        }
        try {
            Schema schema = REGISTRY.getSchema(format.schema());
            schema.initializeValidators();
            return new AnswerSchema(format.name(), schema);
        } catch (RuntimeException e) {
            throw GatewayException.invalidRequest("invalid_value", "response_format's schema '" + format.name()
                    + "' cannot be used: " + e.getMessage());
        }
    }

    private static boolean tooLarge(JsonNode node, int depth, int[] nodes) {
        if (++nodes[0] > MAX_NODES || depth > MAX_DEPTH) {
            return true;
        }
        for (JsonNode child : node) {
            if (tooLarge(child, depth + 1, nodes)) {
                return true;
            }
        }
        return false;
    }

    /** @return up to three ways the answer does not match the schema; empty when it matches */
    public List<String> problems(JsonNode answer) {
        List<Error> errors = schema.validate(answer);
        return errors.stream().limit(MAX_PROBLEMS).map(Error::toString).toList();
    }

    public String name() {
        return name;
    }
}
