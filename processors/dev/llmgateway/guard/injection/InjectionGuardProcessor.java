package dev.llmgateway.guard.injection;

import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.guard.injection.InspectedParts.Part;
import dev.llmgateway.guard.injection.MarkedRequest.BlockAt;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects a chat request for prompt injection and applies the policies: the caller's own words (its user turns)
 * under the team's or route's injection policy, and untrusted content (tool results, documents, PDFs by their text,
 * quoted files) read as data under the untrusted-content policy; each block, flag, sanitize or mark. Logs only rule
 * ids, families and where, never the text.
 */
public class InjectionGuardProcessor implements Processor {

    /** Response header naming the decision on the caller's words and families, e.g. "flagged; families=obfuscation". */
    public static final String INJECTION_HEADER = "x-llmgateway-injection";
    /** Response header naming the decision on untrusted content, its families and the kinds of content. */
    public static final String UNTRUSTED_HEADER = "x-llmgateway-untrusted-content";

    private static final Logger LOG = LoggerFactory.getLogger(InjectionGuardProcessor.class);

    private final InjectionGuardSettings settings;
    /** The team policies in force now: they change when a team is changed at run time. */
    private final Supplier<InjectionGuardSettings> teamPolicies;
    private final InjectionDetector detector;
    private final UntrustedContentInspector untrustedInspector;
    private final Spotlighter spotlighter;
    private final DataMarker dataMarker;
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
        this.untrustedInspector = new UntrustedContentInspector(detector);
        this.spotlighter = new Spotlighter(settings.dataTag());
        this.dataMarker = new DataMarker(settings.dataTag());
        this.classifier = classifier;
        this.embedder = embedder;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        String team = call.team();
        String route = exchange.getFromRouteId();
        List<Part> parts = InspectedParts.of(request, settings.scannedRoles(), settings.untrusted().readPdfs());
        Flagged caller = new Flagged();
        Flagged untrusted = new Flagged();
        InspectionBudget budget = InspectionBudget.forCharacters(InspectedParts.characters(parts));
        try {
            for (Part part : parts) {
                InjectionVerdict verdict;
                try {
                    verdict = inspect(call, part, budget);
                } catch (InspectionBudgetExceededException e) {
                    // Fail closed: text too costly to read is treated as an injection, under the team's policy.
                    verdict = InjectionVerdict.uninspectable();
                }
                (part.untrusted() ? untrusted : caller).add(part, verdict);
            }
        } catch (RuntimeException e) {
            // Fail closed: a request the guard could not read is not sent on unchecked.
            throw new GatewayException(500, "server_error", "injection_guard_failed",
                    "The gateway could not check the request for prompt injection and did not send it. Retry; if it keeps "
                            + "failing, report it to the gateway operators.", Map.of(), e);
        }
        InjectionGuardSettings policies = teamPolicies.get();
        InjectionPolicy callerPolicy = caller.parts.isEmpty() ? null : policies.policyFor(team, route);
        InjectionPolicy untrustedPolicy = untrusted.parts.isEmpty() ? null : policies.untrustedPolicyFor(team, route);
        if (callerPolicy == null) {
            listener.injection(team, "passed", "none");
        } else {
            decide(call, "Prompt injection", caller, callerPolicy);
            caller.families.forEach(f -> listener.injection(team, decision(callerPolicy), f.code()));
        }
        if (untrustedPolicy != null) {
            decide(call, "Instructions in untrusted content", untrusted, untrustedPolicy);
            untrusted.origins().forEach(origin -> listener.untrustedContent(team, decision(untrustedPolicy), origin));
        }
        if (callerPolicy == InjectionPolicy.BLOCK) {
            throw refusal(caller, "looks like a prompt-injection attempt", "prompt_injection_detected",
                    "Remove text that tries to change the assistant's instructions, role or conversation format, or that asks "
                            + "for its system prompt; if this text is legitimate, ask the gateway operators to review the "
                            + "injection policy for team " + team + ".");
        }
        if (untrustedPolicy == InjectionPolicy.BLOCK) {
            throw refusal(untrusted, "carries instructions aimed at the assistant", "indirect_prompt_injection",
                    "Tool results, documents and files are read as data and may not instruct the assistant: remove those "
                            + "instructions from the content, or if it is legitimate, ask the gateway operators to review the "
                            + "untrusted-content policy for team " + team + ".");
        }
        if (callerPolicy != null) {
            call.addResponseHeader(INJECTION_HEADER, decision(callerPolicy) + "; families=" + caller.familyCodes());
        }
        if (untrustedPolicy != null) {
            call.addResponseHeader(UNTRUSTED_HEADER, decision(untrustedPolicy) + "; families=" + untrusted.familyCodes()
                    + "; sources=" + String.join(",", untrusted.origins()));
        }
        Map<BlockAt, String> toMark = new HashMap<>();
        if (untrustedPolicy == InjectionPolicy.SANITIZE) {
            untrusted.parts.forEach(part -> mark(part, toMark));
        }
        if (settings.untrusted().datamark()) {
            // a PDF is sent as text only when it carries instructions: as text it loses its pages' images and layout
            parts.stream().filter(p -> p.untrusted() && p.origin() != ContentOrigin.PDF).forEach(p -> mark(p, toMark));
        }
        boolean spotlightCaller = callerPolicy == InjectionPolicy.SANITIZE;
        if (spotlightCaller || !toMark.isEmpty()) {
            call.setRequest(MarkedRequest.of(request, spotlightCaller ? spotlighter : null, settings.scannedRoles(),
                    dataMarker, toMark));
        }
    }

    private static void mark(Part part, Map<BlockAt, String> toMark) {
        toMark.put(new BlockAt(part.message(), part.block()), Objects.requireNonNullElse(part.text(), ""));
    }

    /**
     * The rules first (for untrusted content, with the rules for data); the classifier only where its score can change
     * their verdict.
     */
    private InjectionVerdict inspect(GatewayCall call, Part part, InspectionBudget budget) {
        String text = part.text();
        InjectionVerdict rules = part.untrusted() ? untrustedInspector.inspect(text, budget)
                : detector.inspect(text, budget);
        if (classifier == null || text == null) {
            return rules;
        }
        return classifier.review(rules, text, budget, () -> embeddingsOf(call));
    }

    /** @return the request's embeddings, kept on the call so that the cache lookup reuses them */
    private PromptEmbeddings embeddingsOf(GatewayCall call) {
        PromptEmbeddings embeddings = call.kept(PromptEmbeddings.class);
        if (embeddings == null) {
            embeddings = new PromptEmbeddings(embedder);
            call.keep(embeddings);
        }
        return embeddings;
    }

    /** Flags the call (so the cache neither answers nor keeps it) and logs the decision. */
    private static void decide(GatewayCall call, String what, Flagged flagged, InjectionPolicy policy) {
        call.flagInjection();
        LOG.warn("{} {}: request {} team {} in {} families {} rules {}", what, decision(policy), call.requestId(),
                call.team(), flagged.parts.stream().map(p -> p.origin().code() + "@" + (p.message() + 1))
                        .collect(Collectors.joining(",")),
                flagged.familyCodes(), flagged.worst.findings().stream().map(InjectionFinding::rule)
                        .collect(Collectors.joining(",")));
    }

    private static GatewayException refusal(Flagged flagged, String finding, String code, String remedy) {
        String where = flagged.parts.stream().map(Part::where).collect(Collectors.joining(", "));
        if (flagged.families.equals(EnumSet.of(InjectionFamily.UNINSPECTABLE))) {
            return GatewayException.invalidRequest("prompt_not_inspectable",
                    "The request was refused because " + where + " could not be checked for prompt injection within the "
                            + "gateway's inspection budget (" + InspectionBudget.READS_PER_CHARACTER + " character reads per "
                            + "character of text), so it was not sent. Long runs of repeated characters or words cause this: "
                            + "remove them or send the text in smaller parts.");
        }
        return GatewayException.invalidRequest(code, "The request was refused because " + where + " " + finding + " ("
                + flagged.familyCodes() + "). " + remedy);
    }

    private static String decision(InjectionPolicy policy) {
        return switch (policy) {
            case BLOCK -> "blocked";
            case SANITIZE -> "sanitized";
            case FLAG -> "flagged";
        };
    }

    /** The parts judged to be injections, their families, and the verdict with the highest score. */
    private static final class Flagged {
        private final List<Part> parts = new ArrayList<>();
        private final Set<InjectionFamily> families = EnumSet.noneOf(InjectionFamily.class);
        private InjectionVerdict worst;

        void add(Part part, InjectionVerdict verdict) {
            if (!verdict.findings().isEmpty() && (worst == null || verdict.score() > worst.score())) {
                worst = verdict;
            }
            if (verdict.injection()) {
                parts.add(part);
                families.addAll(verdict.families());
            }
        }

        String familyCodes() {
            return families.stream().map(InjectionFamily::code).collect(Collectors.joining(","));
        }

        Set<String> origins() {
            Set<String> origins = new LinkedHashSet<>();
            parts.forEach(p -> origins.add(p.origin().code()));
            return origins;
        }
    }
}
