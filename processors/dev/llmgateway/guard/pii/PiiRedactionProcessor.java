package dev.llmgateway.guard.pii;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * For teams that ask for it, replaces personal data and secrets in the prompt with placeholders before it goes
 * upstream, and keeps the placeholders on the call so {@link PiiRestoreProcessor} can put the
 * values back into the answer. The texts of one request are read within one {@link InspectionBudget} for all their
 * characters; a request that would cost more to check is refused (400), as one that could not be checked must not go
 * upstream. The model's reasoning sent back cannot be redacted (the model refuses a block that no longer matches its
 * signature): it is checked, and one holding personal data is refused. The model's own reasoning holds none, as it
 * read the placeholders.
 */
public class PiiRedactionProcessor implements Processor {

    /** Response header with the count of values redacted per type, e.g. "CARD=1,EMAIL=2". */
    public static final String PII_HEADER = "x-llmgateway-pii-redacted";

    /** The team choices in force now: they change when a team is changed at run time. */
    private final Supplier<PiiSettings> settings;
    private final PiiRedactor redactor;
    private final GuardDecisionListener listener;

    public PiiRedactionProcessor(PiiSettings settings) {
        this(settings, GuardDecisionListener.NONE);
    }

    public PiiRedactionProcessor(PiiSettings settings, GuardDecisionListener listener) {
        this(() -> settings, listener, new PiiRedactor(settings));
    }

    /** @param settings the settings whose team choices are in force at the moment of each call */
    public PiiRedactionProcessor(Supplier<PiiSettings> settings, GuardDecisionListener listener) {
        this(settings, listener, new PiiRedactor(settings.get()));
    }

    PiiRedactionProcessor(Supplier<PiiSettings> settings, GuardDecisionListener listener, PiiRedactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
        this.listener = listener;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        String team = call.team();
        if (!settings.get().redactUpstream(team)) {
            return;
        }
        ChatRequest request = call.request();
        if (request.messages().stream().anyMatch(ChatMessage::carriesOpaqueContent)) {
            // Fail closed: what cannot be read for personal data cannot be redacted, so it is not sent.
            throw GatewayException.invalidRequest("pii_uninspectable_content", "Team " + team + " has personal data "
                    + "redacted before requests leave the gateway, and images and PDF documents cannot be checked for "
                    + "it; send the text instead (a text document is checked), or ask the gateway operators about the "
                    + "team's policy.");
        }
        PlaceholderMap placeholders = new PlaceholderMap();
        String reasoning = request.messages().stream().map(ChatMessage::reasoningText).filter(t -> !t.isEmpty())
                .collect(Collectors.joining("\n"));
        InspectionBudget budget = InspectionBudget.forCharacters(reasoning.length() + request.messages().stream()
                .mapToLong(m -> m.content() == null ? 0 : m.content().length()).sum());
        ChatRequest redacted;
        try {
            refusePersonalDataIn(reasoning, team, budget);
            redacted = request.mapContents(text -> redactor.redact(text, placeholders, budget));
        } catch (InspectionBudgetExceededException e) {
            // Fail closed: text that could not be checked is not sent, and the caller can make it checkable.
            throw GatewayException.invalidRequest("pii_inspection_budget_exceeded", "The gateway could not check the "
                    + "request for personal data within its inspection budget, so the request was not sent. Shorten the "
                    + "text, or remove long runs of repeated characters or symbols, and send it again.");
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            // Fail closed: the prompt is not sent upstream with values the team wanted kept back.
            throw new GatewayException(500, "server_error", "pii_redaction_failed",
                    "The gateway could not redact personal data from the request and did not send it. Retry; if it keeps "
                            + "failing, report it to the gateway operators.", Map.of(), e);
        }
        if (placeholders.isEmpty()) {
            return;
        }
        call.setRequest(redacted);
        call.keep(placeholders);
        placeholders.counts().forEach((type, count) -> listener.piiRedacted(team, type, count));
        call.addResponseHeader(PII_HEADER, new TreeMap<>(placeholders.counts()).entrySet().stream()
                .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(",")));
    }

    private void refusePersonalDataIn(String reasoning, String team, InspectionBudget budget) {
        if (reasoning.isEmpty()) {
            return;
        }
        PlaceholderMap found = new PlaceholderMap();
        redactor.redact(reasoning, found, budget);
        if (!found.isEmpty()) {
            throw GatewayException.invalidRequest("pii_in_reasoning", "Team " + team + " has personal data redacted "
                    + "before requests leave the gateway, and the thinking blocks sent back hold some ("
                    + String.join(", ", new TreeMap<>(found.counts()).keySet().stream().map(PiiType::label).toList())
                    + "), which cannot be redacted without breaking their signature. Send the model's thinking back "
                    + "as the gateway returned it.");
        }
    }
}
