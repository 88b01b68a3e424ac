package dev.llmgateway.guard.guardrail;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * Applies the call's guardrail to the model's answer (its text, source OUTPUT) before it is cached or written.
 * Blocked: 400 guardrail_intervened (the answer is billed all the same). Masked: the answer is the guardrail's text.
 * Tool calls' arguments and reasoning are not sent: reasoning is signed and goes back to the model unchanged.
 */
public final class GuardrailOutputProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        AppliedGuardrail guardrail = AppliedGuardrail.of(call);
        ChatResponse answer = call.responseOrNull();
        if (guardrail == null || answer == null || answer.text() == null || answer.text().isBlank()) {
            return;
        }
        GuardrailVerdict verdict = guardrail.checkNow(GuardrailContentSource.OUTPUT, List.of(answer.text()));
        switch (verdict.outcome()) {
            case BLOCKED -> throw guardrail.blocked(verdict, "answer");
            case MASKED -> {
                if (verdict.outputs().size() != 1) {
                    throw guardrail.unmatchedOutputs(1, verdict.outputs().size());
                }
                call.setResponse(new ChatResponse(verdict.outputs().get(0), answer.stopReason(), answer.usage(),
                        answer.region(), answer.modelId(), answer.toolUses(), answer.reasoning()));
                call.addResponseHeader(AppliedGuardrail.HEADER, "output_masked");
            }
            default -> {
            }
        }
    }
}
