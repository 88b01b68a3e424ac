package dev.llmgateway.guard.injection;

import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects the user turns of a chat request for prompt injection and applies the team's or route's policy:
 * block, sanitize or flag. Logs only rule ids and families, never the text.
 */
public class InjectionGuardProcessor implements Processor {

    /** Response header naming the decision and families, e.g. "flagged; families=role_spoofing". */
    public static final String INJECTION_HEADER = "x-llmgateway-injection";

    private static final Logger LOG = LoggerFactory.getLogger(InjectionGuardProcessor.class);

    private final InjectionGuardSettings settings;
    /** The team policies in force now: they change when a team is changed at run time. */
    private final Supplier<InjectionGuardSettings> teamPolicies;
    private final InjectionDetector detector;
    private final Spotlighter spotlighter;
    private final GuardDecisionListener listener;
    /** Null when the classifier is off: the rules decide alone. */
    private final InjectionClassifier classifier;
    private final Embedder embedder;

    public InjectionGuardProcessor(InjectionGuardSettings settings) {
        this(settings, GuardDecisionListener.NONE);
    }

    public InjectionGuardProcessor(InjectionGuardSettings settings, GuardDecisionListener listener) {
        this(settings, () -> settings, listener);
    }

    /** @param teamPolicies the settings whose team policies are in force at the moment of each call */
    public InjectionGuardProcessor(InjectionGuardSettings settings, Supplier<InjectionGuardSettings> teamPolicies,
                                   GuardDecisionListener listener) {
        this(settings, teamPolicies, listener, null, null);
    }

    /**
     * @param classifier the learned classifier that judges with the rules, or null for the rules alone
     * @param embedder   the sentence embedder the classifier was trained on (its id must match)
     */
    public InjectionGuardProcessor(InjectionGuardSettings settings, Supplier<InjectionGuardSettings> teamPolicies,
                                   GuardDecisionListener listener, InjectionClassifier classifier, Embedder embedder) {
        if (classifier != null && !classifier.embedderId().equals(embedder.id())) {
            throw new IllegalArgumentException("the injection classifier was trained on " + classifier.embedderId()
                    + " vectors, not " + embedder.id());
        }
        this.settings = settings;
        this.teamPolicies = teamPolicies;
        this.listener = listener;
        this.detector = new InjectionDetector(settings.dataTag(), settings.threshold());
        this.spotlighter = new Spotlighter(settings.dataTag());
        this.classifier = classifier;
        this.embedder = embedder;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        String team = call.team();
        List<Integer> flagged = new ArrayList<>();
        Set<InjectionFamily> families = EnumSet.noneOf(InjectionFamily.class);
        InjectionVerdict worst = null;
        InspectionBudget budget = InspectionBudget.forCharacters(scannedCharacters(request));
        try {
            for (int i = 0; i < request.messages().size(); i++) {
                ChatMessage message = request.messages().get(i);
                if (!settings.scannedRoles().contains(message.role())) {
                    continue;
                }
                InjectionVerdict verdict;
                try {
                    verdict = inspect(call, message.content(), budget);
                } catch (InspectionBudgetExceededException e) {
                    // Fail closed: text too costly to read is treated as an injection, under the team's policy.
                    verdict = InjectionVerdict.uninspectable();
                }
                if (!verdict.findings().isEmpty() && (worst == null || verdict.score() > worst.score())) {
                    worst = verdict;
                }
                if (verdict.injection()) {
                    flagged.add(i);
                    families.addAll(verdict.families());
                }
            }
        } catch (RuntimeException e) {
            // Fail closed: a request the guard could not read is not sent on unchecked.
            throw new GatewayException(500, "server_error", "injection_guard_failed",
                    "The gateway could not check the request for prompt injection and did not send it. Retry; if it keeps "
                            + "failing, report it to the gateway operators.", java.util.Map.of(), e);
        }
        if (flagged.isEmpty()) {
            listener.injection(team, "passed", "none");
            return;
        }
        call.flagInjection();
        String familyCodes = families.stream().map(InjectionFamily::code).collect(Collectors.joining(","));
        InjectionPolicy policy = teamPolicies.get().policyFor(team, exchange.getFromRouteId());
        String decision = switch (policy) {
            case BLOCK -> "blocked";
            case SANITIZE -> "sanitized";
            case FLAG -> "flagged";
        };
        families.forEach(f -> listener.injection(team, decision, f.code()));
        LOG.warn("Prompt injection {}: request {} team {} messages {} families {} rules {}", decision,
                call.requestId(), team, flagged, familyCodes,
                worst.findings().stream().map(InjectionFinding::rule).collect(Collectors.joining(",")));
        if (policy == InjectionPolicy.BLOCK) {
            if (families.equals(EnumSet.of(InjectionFamily.UNINSPECTABLE))) {
                throw GatewayException.invalidRequest("prompt_not_inspectable",
                        "The request was refused because " + describe(request, flagged) + " could not be checked for prompt "
                                + "injection within the gateway's inspection budget (" + InspectionBudget.READS_PER_CHARACTER
                                + " character reads per character of text), so it was not sent. Long runs of repeated "
                                + "characters or words cause this: remove them or send the text in smaller parts.");
            }
            throw GatewayException.invalidRequest("prompt_injection_detected",
                    "The request was refused because " + describe(request, flagged) + " looks like a prompt-injection attempt ("
                            + familyCodes + "). Remove text that tries to change the assistant's instructions, role or "
                            + "conversation format, or that asks for its system prompt; if this text is legitimate, ask the "
                            + "gateway operators to review the injection policy for team " + team + ".");
        }
        call.addResponseHeader(INJECTION_HEADER, decision + "; families=" + familyCodes);
        if (policy == InjectionPolicy.SANITIZE) {
            call.setRequest(sanitize(request));
        }
    }

    /** The rules first; the classifier only where its score can change their verdict. */
    private InjectionVerdict inspect(GatewayCall call, String text, InspectionBudget budget) {
        InjectionVerdict rules = detector.inspect(text, budget);
        if (classifier == null || text == null || !classifier.canChange(rules)) {
            return rules;
        }
        PromptEmbeddings embeddings = call.kept(PromptEmbeddings.class);
        if (embeddings == null) {
            embeddings = new PromptEmbeddings(embedder);
            call.keep(embeddings);
        }
        return classifier.review(rules, text, budget, embeddings);
    }

    private int scannedCharacters(ChatRequest request) {
        int characters = 0;
        for (ChatMessage message : request.messages()) {
            if (settings.scannedRoles().contains(message.role()) && message.content() != null) {
                characters += message.content().length();
            }
        }
        return characters;
    }

    private ChatRequest sanitize(ChatRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage(ChatRole.SYSTEM, spotlighter.systemNote()));
        for (ChatMessage message : request.messages()) {
            messages.add(settings.scannedRoles().contains(message.role())
                    ? message.mapTexts(spotlighter::spotlight)
                    : message);
        }
        return request.withMessages(messages);
    }

    private static String describe(ChatRequest request, List<Integer> flagged) {
        return flagged.stream()
                .map(i -> "message " + (i + 1) + " (" + request.messages().get(i).role().wireName() + ")")
                .collect(Collectors.joining(", "));
    }
}
