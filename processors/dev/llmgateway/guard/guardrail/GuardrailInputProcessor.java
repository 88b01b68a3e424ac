package dev.llmgateway.guard.guardrail;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.ModelSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * Applies the call's guardrail (the team's, else the model's; none: nothing happens) to the prompt before the model
 * is called: every text of the request (system prompt, turns, tool calls and results) as one content block of source
 * INPUT. Blocked: 400 guardrail_intervened naming the guardrail and what it flagged. Masked: the request goes on with
 * the guardrail's texts in place of the ones sent. Keeps the guardrail on the call for the answer's check.
 */
public final class GuardrailInputProcessor implements Processor {

    private final GuardrailCaller caller;

    public GuardrailInputProcessor(GuardrailCaller caller) {
        this.caller = caller;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ModelSpec model = call.model();
        GuardrailRef ref = caller.settings().of(call.caller().team(), model.alias());
        if (ref == null) {
            return;
        }
        AppliedGuardrail guardrail = new AppliedGuardrail(caller, ref,
                ref.regionOr(model.targets().get(0).region()), call.caller().team());
        call.keep(guardrail);
        ChatRequest request = call.request();
        List<String> texts = new ArrayList<>();
        request.mapContents(text -> {
            if (!text.isBlank()) {
                texts.add(text);
            }
            return text;
        });
        if (texts.isEmpty()) {
            return;
        }
        GuardrailVerdict verdict = guardrail.checkNow(GuardrailContentSource.INPUT, texts);
        switch (verdict.outcome()) {
            case BLOCKED -> throw guardrail.blocked(verdict, "prompt");
            case MASKED -> {
                if (verdict.outputs().size() != texts.size()) {
                    throw guardrail.unmatchedOutputs(texts.size(), verdict.outputs().size());
                }
                Iterator<String> masked = verdict.outputs().iterator();
                call.setRequest(request.mapContents(text -> text.isBlank() ? text : masked.next()));
                call.addResponseHeader(AppliedGuardrail.HEADER, "input_masked");
            }
            default -> {
            }
        }
    }
}
