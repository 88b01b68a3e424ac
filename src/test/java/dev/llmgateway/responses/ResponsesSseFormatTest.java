package dev.llmgateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.stream.SseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The Responses events of one stream, in an order the chat formats never see: text after a function call. */
class ResponsesSseFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SseFormat.StreamMeta META = new SseFormat.StreamMeta("resp_x", "req-1", "claude-3-haiku",
            0, 10, false, List.of());

    @Test
    void eachFormatIsItsStreamsAndTextAfterACallIsAMessageItemOfItsOwn() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            streamTextAfterACall(GatewayCall.start(new DefaultExchange(camel), "req-1"));
        }
    }

    private static void streamTextAfterACall(GatewayCall call) throws Exception {
        call.keep(new ResponsesCall("resp_abc", 1, new LinkedHashMap<>(), Json.MAPPER.createArrayNode(), true));
        SseFormat template = new ResponsesSseFormat();
        SseFormat format = template.forCall(call);
        assertThat(format).isNotSameAs(template).isNotSameAs(template.forCall(call));

        List<JsonNode> events = events(format.start(META)
                + format.toolUseStart(META, 0, "call_1", "get_weather")
                + format.toolUseDelta(META, 0, "{\"city\":")
                + format.toolUseDelta(META, 0, "\"Lima\"}")
                + format.delta(META, "Looking ")
                + format.delta(META, "it up.")
                + format.finish(META, "tool_use", new Usage(10, 5), 1));

        assertThat(events).extracting(event -> event.path("type").asText()).containsExactly(
                "response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events).extracting(event -> event.path("sequence_number").asInt())
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        JsonNode done = events.get(events.size() - 1).path("response");
        assertThat(done.at("/output/0/id").asText()).isEqualTo("fc_abc_0");
        assertThat(done.at("/output/0/arguments").asText()).isEqualTo("{\"city\":\"Lima\"}");
        assertThat(done.at("/output/1/id").asText()).isEqualTo("msg_abc_1");
        assertThat(done.at("/output/1/content/0/text").asText()).isEqualTo("Looking it up.");
        assertThat(done.at("/usage/total_tokens").asInt()).isEqualTo(15);
        assertThat(call.kept(ResponsesSseFormat.StreamedResponse.class).body().get("output"))
                .asList().hasSize(2);
    }

    private static List<JsonNode> events(String stream) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            String[] lines = event.split("\n");
            assertThat(lines[0]).startsWith("event: ");
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            assertThat(data.path("type").asText()).isEqualTo(lines[0].substring("event: ".length()));
            events.add(data);
        }
        return events;
    }
}
