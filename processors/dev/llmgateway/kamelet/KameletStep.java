package dev.llmgateway.kamelet;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What every gateway Kamelet's step has: the attribution its own parameters give (team, feature, model; each applies
 * to this step when given, whatever ran before) and the gateway's chain installed into the Camel context with the
 * step, so no message pays for the setup.
 */
public abstract class KameletStep extends ServiceSupport implements Processor, CamelContextAware {

    private CamelContext camelContext;
    private String team;
    private String feature;
    private String model;

    /** @param team the team this step's call counts against; blank: the call's, else {@link KameletCall#TEAM} */
    public void setTeam(String team) {
        this.team = givenOrNull(team);
    }

    /** @param feature the ledger's feature of this step's call; blank: the call's, else {@link KameletCall#FEATURE} */
    public void setFeature(String feature) {
        this.feature = givenOrNull(feature);
    }

    /** @param model the model alias this step's request names; blank: the request's, else the Kamelet's default */
    public void setModel(String model) {
        this.model = givenOrNull(model);
    }

    protected String team() {
        return team;
    }

    protected String feature() {
        return feature;
    }

    protected String model() {
        return model;
    }

    /**
     * Camel gives the context when it makes the step's bean from the Kamelet's template, while the application's
     * context initializes: the chain is installed then, so its routes start with the application's.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        try {
            GatewayLibrary.install(camelContext);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static String givenOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
