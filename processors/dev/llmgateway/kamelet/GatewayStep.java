package dev.llmgateway.kamelet;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.SwitchedOffStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A Kamelet's step: runs gateway processors, found by their bean names in the Camel registry (where the gateway binds
 * them, or {@link GatewayLibrary} in another application), on the {@link GatewayCall} of the exchange, started here
 * when there is none yet; the body's text becomes its chat request when it has none. The step's team, feature and
 * model, when given, apply to the call from this step on.
 */
public class GatewayStep extends KameletStep {

    /** The model of a request made from the body when no step names one. */
    static final String DEFAULT_MODEL = "claude-3-5-sonnet";

    private List<String> stepNames = List.of();
    private String required;
    private BodyOutput body = BodyOutput.UNCHANGED;
    private List<Processor> steps;

    /** @param names bean names of the processors to run, in order, separated by commas */
    public void setSteps(String names) {
        this.stepNames = Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    /**
     * @param name the step this Kamelet is for: when the settings switch it off ({@link SwitchedOffStep}) the
     *             Kamelet refuses to start; any other step switched off is left out
     */
    public void setRequired(String name) {
        this.required = name == null || name.isBlank() ? null : name.trim();
    }

    public void setBody(BodyOutput body) {
        this.body = body;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        GatewayCall call = KameletCall.of(exchange, team(), feature());
        boolean promptFromBody = KameletPrompt.apply(exchange, call, model(), DEFAULT_MODEL);
        for (Processor step : steps) {
            step.process(exchange);
        }
        switch (body) {
            case PROMPT -> {
                if (promptFromBody) {
                    exchange.getMessage().setBody(KameletPrompt.promptText(call));
                }
            }
            case ANSWER -> {
                String answer = KameletPrompt.answerText(call);
                if (answer != null) {
                    exchange.getMessage().setBody(answer);
                }
            }
            case UNCHANGED -> {
            }
        }
    }

    /** The processors this step runs; by default those named by {@link #setSteps}. */
    protected List<Processor> createSteps() throws Exception {
        List<Processor> found = new ArrayList<>();
        for (String name : stepNames) {
            Processor step = lookup(name);
            if (step instanceof SwitchedOffStep off) {
                if (name.equals(required)) {
                    throw new IllegalStateException(off.reason());
                }
            } else {
                found.add(step);
            }
        }
        return found;
    }

    @Override
    protected void doInit() throws Exception {
        steps = List.copyOf(createSteps());
    }

    private Processor lookup(String name) {
        Processor processor = getCamelContext().getRegistry().lookupByNameAndType(name, Processor.class);
        if (processor == null) {
            throw new IllegalStateException("No gateway processor named " + name + " in the Camel registry.");
        }
        return processor;
    }
}
