package dev.llmgateway.kamelet;

import dev.llmgateway.guard.pii.PiiRedactionProcessor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.PiiType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Processor;

/**
 * The redaction Kamelet's step: the gateway's {@link PiiRedactionProcessor}, always redacting (the gateway's own
 * redaction applies only to teams that ask for it), with the types and phone region the Kamelet's properties give.
 */
public class PiiRedactionStep extends GatewayStep {

    private Set<PiiType> types = Set.of();
    private String defaultRegion = "US";

    /** @param types PII types to redact, separated by commas; empty for all */
    public void setTypes(String types) {
        this.types = Arrays.stream(types.split(",")).map(String::trim).filter(type -> !type.isEmpty())
                .map(type -> PiiType.valueOf(type.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    @Override
    protected List<Processor> createSteps() {
        return List.of(new PiiRedactionProcessor(new PiiSettings(types, defaultRegion, null, true, null)));
    }
}
