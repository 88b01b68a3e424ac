package dev.llmgateway.guard.guardrail;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * Applies the call's guardrail to the model's answer before it is cached or written: its text and each tool call's
 * input (as its JSON text), one content block each, in one check of source OUTPUT. Blocked: 400
 * guardrail_intervened (the answer is billed all the same). Masked: the answer is the guardrail's text and the tool
 * calls take the guardrail's inputs. Reasoning is not sent: it is signed and goes back to the model unchanged.
 */
public final class GuardrailOutputProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        AppliedGuardrail guardrail = AppliedGuardrail.of(call);
        ChatResponse answer = call.responseOrNull();
        if (guardrail == null || answer == null) {
            return;
        }
        boolean text = answer.text() != null && !answer.text().isBlank();
        List<String> texts = new ArrayList<>();
        if (text) {
            texts.add(answer.text());
        }
        answer.toolUses().forEach(use -> texts.add(use.input().toString()));
        if (texts.isEmpty()) {
            return;
        }
        GuardrailVerdict verdict = guardrail.checkNow(GuardrailContentSource.OUTPUT, texts);
        switch (verdict.outcome()) {
            case BLOCKED -> throw guardrail.blocked(verdict, "answer");
            case MASKED -> {
                if (verdict.outputs().size() != texts.size()) {
                    throw guardrail.unmatchedOutputs(texts.size(), verdict.outputs().size());
                }
                List<ContentBlock.ToolUse> uses = new ArrayList<>(answer.toolUses().size());
                int output = text ? 1 : 0;
                for (ContentBlock.ToolUse use : answer.toolUses()) {
                    uses.add(new ContentBlock.ToolUse(use.id(), use.name(),
                            guardrail.maskedToolInput(use.name(), verdict.outputs().get(output++))));
                }
                call.setResponse(new ChatResponse(text ? verdict.outputs().get(0) : answer.text(),
                        answer.stopReason(), answer.usage(), answer.region(), answer.modelId(), uses,
                        answer.reasoning()));
                call.addResponseHeader(AppliedGuardrail.HEADER, "output_masked");
            }
            default -> {
            }
        }
    }
}
