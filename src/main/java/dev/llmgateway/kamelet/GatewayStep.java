package dev.llmgateway.kamelet;

import dev.llmgateway.chat.GatewayExchange;
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
 * them, or {@link GatewayLibrary} in another application), on the chat request of the exchange; the body's text
 * becomes that request when there is none yet. Team and feature apply when the exchange does not name them already.
 */
public class GatewayStep implements Processor, CamelContextAware {

    private static final String CALL_STARTER = "pipelineCallStarter";
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
        if (exchange.getProperty(GatewayExchange.TEAM) == null) {
            exchange.setProperty(GatewayExchange.TEAM, team);
        }
        if (exchange.getProperty(GatewayExchange.FEATURE) == null) {
            exchange.setProperty(GatewayExchange.FEATURE, feature);
        }
        boolean promptFromBody = KameletPrompt.fromBody(exchange, model);
        if (promptFromBody) {
            lookup(CALL_STARTER).process(exchange);
        }
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
        for (Processor step : steps()) {
            step.process(exchange);
        }
        switch (body) {
            case PROMPT -> {
                if (promptFromBody) {
                    exchange.getMessage().setBody(KameletPrompt.promptText(exchange));
                }
            }
            case ANSWER -> {
                String answer = KameletPrompt.answerText(exchange);
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

    private List<Processor> steps() throws Exception {
        if (steps == null) {
            steps = List.copyOf(createSteps());
        }
        return steps;
    }

    private Processor lookup(String name) throws Exception {
        Processor processor = camelContext.getRegistry().lookupByNameAndType(name, Processor.class);
        if (processor == null) {
            GatewayLibrary.install(camelContext);
            processor = camelContext.getRegistry().lookupByNameAndType(name, Processor.class);
        }
        if (processor == null) {
            throw new IllegalStateException("No gateway processor named " + name + " in the Camel registry.");
        }
        return processor;
    }
}
