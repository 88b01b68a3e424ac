package dev.llmgateway.bench;

import java.net.URI;
import java.util.Map;

/**
 * The calls of a tool round trip, for the overhead benchmark's tools scenario: even calls ask a question that makes
 * the model call a tool, odd calls send the tool's result back for the answer. The same two calls go straight to the
 * emulator (Converse) and through the gateway (OpenAI API).
 */
final class ToolRoundTrips {

    static final String SCENARIO = "tools";

    private static final String QUESTION = "What is the weather in the city of Lima today?";
    private static final String RESULT = "18 degrees and sunny";
    private static final String SCHEMA = """
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""";

    private ToolRoundTrips() {
    }

    static URI converse(URI emulator, String modelId) {
        return emulator.resolve("/model/" + modelId.replace(":", "%3A") + "/converse");
    }

    static OverheadBenchmark.Path direct(URI emulator, Map<String, String> headers, String modelId, long pid) {
        String tools = """
                "toolConfig": {"tools": [{"toolSpec": {"name": "get_weather", "description": "The weather in a city",
                 "inputSchema": {"json": %s}}}]}""".formatted(SCHEMA);
        String ask = """
                {"messages": [{"role": "user", "content": [{"text": "%s"}]}], "inferenceConfig": {"maxTokens": 60}, %s}"""
                .formatted(QUESTION, tools);
        String answer = """
                {"messages": [{"role": "user", "content": [{"text": "%s"}]},
                 {"role": "assistant", "content": [{"toolUse": {"toolUseId": "call_1", "name": "get_weather",
                  "input": {"city": "Lima"}}}]},
                 {"role": "user", "content": [{"toolResult": {"toolUseId": "call_1", "content": [{"text": "%s"}]}}]}],
                 "inferenceConfig": {"maxTokens": 60}, %s}""".formatted(QUESTION, RESULT, tools);
        return new OverheadBenchmark.Path("direct to emulator, tool round trip", converse(emulator, modelId), headers,
                i -> i % 2 == 0 ? ask : answer, pid);
    }

    static OverheadBenchmark.Path throughGateway(URI gateway, String key, long pid) {
        String tools = """
                "tools": [{"type": "function", "function": {"name": "get_weather", "description": "The weather in a city",
                 "parameters": %s}}]""".formatted(SCHEMA);
        String ask = """
                {"model": "claude-3-haiku", "max_tokens": 60, "messages": [{"role": "user", "content": "%s"}], %s}"""
                .formatted(QUESTION, tools);
        String answer = """
                {"model": "claude-3-haiku", "max_tokens": 60, "messages": [{"role": "user", "content": "%s"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Lima\\"}"}}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "%s"}], %s}""".formatted(QUESTION, RESULT, tools);
        return new OverheadBenchmark.Path("camel-llm-gateway, tool round trip", gateway.resolve("/v1/chat/completions"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key),
                i -> i % 2 == 0 ? ask : answer, pid);
    }
}
