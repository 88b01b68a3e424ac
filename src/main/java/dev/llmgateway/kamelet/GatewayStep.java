package dev.llmgateway.kamelet;

import dev.llmgateway.chat.GatewayCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A Kamelet's step: runs gateway processors, found by their bean names in the Camel registry (where the gateway binds
 * them, or {@link GatewayLibrary} in another application), on the {@link GatewayCall} of the exchange, started here
 * when there is none yet; the body's text becomes its chat request when it has none. Team and feature apply when the
 * call does not name its caller already.
 */
public class GatewayStep implements Processor, CamelContextAware {

    private static final String RESERVATION_SETTLER = "reservationSettler";

    private CamelContext camelContext;
    private List<String> stepNames = List.of();
    private String team = "default";
    private String feature = "kamelet";
    private String model;
    private BodyOutput body = BodyOutput.UNCHANGED;
    private boolean settleReservations;
    private volatile List<Processor> steps;

    /** @param names bean names of the processors to run, in order, separated by commas */
    public void setSteps(String names) {
        this.stepNames = Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public void setFeature(String feature) {
        this.feature = feature;
    }

    /** @param model the model alias of a request made from the body */
    public void setModel(String model) {
        this.model = model;
    }

    public void setBody(BodyOutput body) {
        this.body = body;
    }

    /** @param settle whether rate-limit and budget reservations are settled when the exchange completes */
    public void setSettleReservations(boolean settle) {
        this.settleReservations = settle;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Processor> chain = steps();
        GatewayCall call = KameletCall.of(exchange, team, feature);
        boolean promptFromBody = KameletPrompt.fromBody(exchange, call, model);
        if (settleReservations) {
            Processor settler = lookup(RESERVATION_SETTLER);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    try {
                        settler.process(done);
                    } catch (Exception e) {
                        throw new IllegalStateException("settling the call's reservations failed", e);
                    }
                }
            });
        }
        for (Processor step : chain) {
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
            found.add(lookup(name));
        }
        return found;
    }

    /** The steps, found once: the first message of a context installs the gateway's beans and direct:llm-chat. */
    private List<Processor> steps() throws Exception {
        if (steps == null) {
            GatewayLibrary.install(camelContext);
            steps = List.copyOf(createSteps());
        }
        return steps;
    }

    private Processor lookup(String name) {
        Processor processor = camelContext.getRegistry().lookupByNameAndType(name, Processor.class);
        if (processor == null) {
            throw new IllegalStateException("No gateway processor named " + name + " in the Camel registry.");
        }
        return processor;
    }
}
