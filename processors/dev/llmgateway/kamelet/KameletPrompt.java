package dev.llmgateway.kamelet;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * How a Kamelet meets the gateway's exchange contract ({@link GatewayCall}): the chat request an earlier llm-* step
 * left on the call, or else a one-message request made from the body's text.
 */
final class KameletPrompt {

    private KameletPrompt() {
    }

    /**
     * Makes the call's request name the step's model, or makes the request from the body when there is none.
     *
     * @param model        the step's model alias, or null: the request's
     * @param defaultModel the model of a request made from the body when the step names none
     * @return true when the request was made from the body (there was none on the exchange)
     */
    static boolean apply(Exchange exchange, GatewayCall call, String model, String defaultModel) {
        ChatRequest request = call.requestOrNull();
        if (request != null) {
            if (model != null && !model.equals(request.model())) {
                call.setRequest(request.toBuilder().model(model).build());
            }
            return false;
        }
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw GatewayException.invalidRequest("empty_prompt",
                    "The message body is empty; an llm-* Kamelet needs the prompt text in the body.");
        }
        call.setRequest(ChatRequest.builder(model == null ? defaultModel : model, List.of(new ChatMessage(ChatRole.USER, text))).build());
        return true;
    }

    /** The user turns of the request on the exchange, as one text. */
    static String promptText(GatewayCall call) {
        return call.request().messages().stream()
                .filter(message -> message.role() == ChatRole.USER)
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
    }

    /** The answer's text, or null when there is no answer on the exchange. */
    static String answerText(GatewayCall call) {
        ChatResponse response = call.responseOrNull();
        return response == null ? null : response.text();
    }
}
