package dev.llmgateway.guard.pii;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.List;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The PII policy of embeddings, for teams that have personal data redacted before requests leave the gateway: a text
 * holding any is refused (400 {@code pii_in_embedding_input}, naming the text and the kinds found, never the values)
 * rather than redacted. A vector cannot be restored the way an answer's placeholders are: the vector of
 * "&lt;EMAIL_1&gt; asked for a refund" is the vector of that placeholder, so a search index would silently hold
 * vectors of other texts than the caller's. Teams that do not redact are not inspected, as on chat.
 */
public class EmbeddingPiiCheck implements Processor {

    private final PiiSettings settings;
    private final PiiRedactor redactor;

    public EmbeddingPiiCheck(PiiSettings settings) {
        this.settings = settings;
        this.redactor = new PiiRedactor(settings);
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        String team = call.team();
        if (!settings.redactUpstream(team)) {
            return;
        }
        List<String> texts = call.embeddingRequest().texts();
        InspectionBudget budget = InspectionBudget.forCharacters(texts.stream().mapToLong(String::length).sum());
        for (int i = 0; i < texts.size(); i++) {
            List<PiiMatch> found;
            try {
                found = redactor.find(texts.get(i), budget);
            } catch (InspectionBudgetExceededException e) {
                throw GatewayException.invalidRequest("pii_inspection_budget_exceeded", "The gateway could not check "
                        + "the input for personal data within its inspection budget, so nothing was sent. Shorten the "
                        + "texts, or remove long runs of repeated characters or symbols, and send them again.");
            }
            if (!found.isEmpty()) {
                String kinds = String.join(", ", new TreeSet<>(found.stream().map(m -> m.type().label()).toList()));
                throw GatewayException.invalidRequest("pii_in_embedding_input", "input[" + i + "] holds personal "
                        + "data (" + kinds + "). Team " + team
                        + " has personal data redacted before requests leave the gateway, and a vector of a redacted "
                        + "text would not be the vector of the text sent; remove the values and send it again.");
            }
        }
    }
}
