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
 * redaction applies only to teams that ask for it), with the types and phone regions the Kamelet's properties give.
 */
public class PiiRedactionStep extends GatewayStep {

    private Set<PiiType> types = Set.of();
    private List<String> phoneRegions = PiiSettings.DEFAULT_PHONE_REGIONS;

    /** @param types PII types to redact, separated by commas; empty for all */
    public void setTypes(String types) {
        this.types = Arrays.stream(types.split(",")).map(String::trim).filter(type -> !type.isEmpty())
                .map(type -> PiiType.valueOf(type.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
    }

    /** @param phoneRegions ISO countries whose national phone formats count, separated by commas */
    public void setPhoneRegions(String phoneRegions) {
        this.phoneRegions = Arrays.stream(phoneRegions.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .map(r -> r.toUpperCase(Locale.ROOT)).toList();
    }

    @Override
    protected List<Processor> createSteps() {
        return List.of(new PiiRedactionProcessor(new PiiSettings(types, phoneRegions, null, true, null)));
    }
}
