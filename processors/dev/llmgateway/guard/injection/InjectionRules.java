package dev.llmgateway.guard.injection;

import static dev.llmgateway.guard.injection.InjectionFamily.INSTRUCTION_OVERRIDE;
import static dev.llmgateway.guard.injection.InjectionFamily.PROMPT_EXTRACTION;
import static dev.llmgateway.guard.injection.InjectionFamily.ROLE_SPOOFING;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;

/**
 * The phrase rules of the detector, matched against lower-cased, normalized text. Each rule describes a
 * technique in general terms (a verb class, a qualifier class, an object class within a few words) rather than
 * fixed strings, so paraphrases match too.
 */
final class InjectionRules {

    /**
     * A pattern with its family and weight; an imperative rule weighs less when its verb is not addressed to the model.
     *
     * @param leads text one of which every match contains ({@link LeadingLiterals}), and whether every match starts
     *              with one
     * @param boundaryFirst whether the regex starts with {@code \\b}, checked by hand at a lead: a try there sees no
     *                      text before it
     */
    record Rule(InjectionFamily family, String id, double weight, Pattern pattern, boolean imperative,
                LeadingLiterals.Leads leads, Pattern anchored, boolean boundaryFirst) {

        Rule(InjectionFamily family, String id, double weight, String regex, boolean imperative) {
            // Anchored with ^ as well as by lookingAt: RE2/J otherwise searches the rest of the input for the
            // pattern's literal prefix after a failed attempt, reading the whole window at every lead.
            this(family, id, weight, Pattern.compile(regex), imperative, LeadingLiterals.of(regex),
                    Pattern.compile("^(?:" + regex + ")"), regex.startsWith("\\b"));
        }

        /** @return false when the text holds none of the rule's leading literals, so the pattern cannot match */
        boolean mightMatch(String text) {
            if (leads.literals().isEmpty()) {
                return true;
            }
            for (String lead : leads.literals()) {
                if (text.contains(lead)) {
                    return true;
                }
            }
            return false;
        }

        /** @return the highest weight among the rule's matches in the text; 0 when it has none */
        double bestWeight(String text, InspectionBudget budget) {
            double best = 0;
            if (!mightMatch(text)) {
                return 0;
            }
            if (!leads.startMatches()) {
                Matcher match = pattern.matcher(budget.meter(text));
                while (best < weight && match.find()) {
                    best = Math.max(best, weightAt(text, match.start()));
                }
                return best;
            }
            // Tried only near the leads rather than at every character (on a long prompt most of the cost), and
            // within a bounded window of each: no phrase this detector looks for is longer. Each lead is tried anchored
            // where it stands, until the tries of a run of close leads read more than a few characters per character
            // of the run: each try then reads text the tries before it read, and one unanchored pass over the rest of
            // the run follows all its starts at once instead.
            BitSet starts = leadStarts(text);
            int runStart = -1;
            int previous = -1;
            long readsInRun = 0;
            for (int at = starts.nextSetBit(0); at >= 0 && best < weight; ) {
                if (previous < 0 || at > previous + PHRASE_WINDOW) {
                    runStart = at;
                    readsInRun = 0;
                }
                if (readsInRun > ANCHORED_READS_PER_CHARACTER * (long) (at - runStart + PHRASE_WINDOW)) {
                    int last = lastOfRun(starts, at);
                    best = Math.max(best, bestInOnePass(text, at, last, budget));
                    previous = last;
                    at = starts.nextSetBit(last + 1);
                    continue;
                }
                long before = budget.reads();
                best = Math.max(best, bestAt(text, at, budget));
                readsInRun += budget.reads() - before;
                previous = at;
                at = starts.nextSetBit(at + 1);
            }
            return best;
        }

        private BitSet leadStarts(String text) {
            BitSet starts = new BitSet(text.length());
            for (String lead : leads.literals()) {
                for (int at = text.indexOf(lead); at >= 0; at = text.indexOf(lead, at + 1)) {
                    starts.set(at);
                }
            }
            return starts;
        }

        /** @return the last lead of the run that holds {@code at}: leads each within a window of the one before */
        private static int lastOfRun(BitSet starts, int at) {
            int last = at;
            for (int next = starts.nextSetBit(at + 1); next >= 0 && next <= last + PHRASE_WINDOW; next = starts.nextSetBit(next + 1)) {
                last = next;
            }
            return last;
        }

        private double bestAt(String text, int at, InspectionBudget budget) {
            if (boundaryFirst && at > 0 && isWordCharacter(text.charAt(at - 1)) && isWordCharacter(text.charAt(at))) {
                return 0;
            }
            CharSequence window = budget.meter(text, at, Math.min(text.length(), at + PHRASE_WINDOW));
            return anchored.matcher(window).lookingAt() ? weightAt(text, at) : 0;
        }

        /** One unanchored pass from {@code first} to a window past {@code last}, a character early for a leading \\b. */
        private double bestInOnePass(String text, int first, int last, InspectionBudget budget) {
            int start = Math.max(0, first - 1);
            double best = 0;
            Matcher match = pattern.matcher(budget.meter(text, start, Math.min(text.length(), last + PHRASE_WINDOW)));
            while (best < weight && match.find()) {
                best = Math.max(best, weightAt(text, start + match.start()));
            }
            return best;
        }

        private double weightAt(String text, int start) {
            if (!imperative) {
                return weight;
            }
            return isAddressedToTheModel(text, start) ? weight : weight * 0.4;
        }
    }

    /** The most characters a phrase may span from its lead; longer spans are not one phrase. */
    static final int PHRASE_WINDOW = 200;
    /** Reads per character of a run of close leads that anchored tries may spend before one pass takes over. */
    private static final int ANCHORED_READS_PER_CHARACTER = 4;

    /** Up to four words between the parts of a phrase; a word holds no separator, so no text splits two ways. */
    private static final String GAP = "(?:[\\s,]+[^\\s,.!?;:]+){0,4}?";
    private static final String SHORT_GAP = "(?:[\\s,]+[^\\s,.!?;:]+){0,2}?";

    private static final String OVERRIDE_VERB = "(?:ignore|ignoring|disregard|forget|skip|override|overrule|bypass|discard|abandon|"
            + "neglect|set aside|throw out|nullify|dismiss|put aside|"
            + "stop (?:following|obeying|using)|(?:do not|don't|dont|never|no longer) (?:follow|obey|listen to|adhere to|comply with|apply))";
    /** Verbs that are everyday words for data ("clear all filters"); they only count with a qualifier that points at the model. */
    private static final String DATA_VERB = "(?:drop|scrap|erase|delete|clear|cancel|void|reset|wipe|remove|throw away|get rid of)";
    private static final String MODEL_QUALIFIER = "(?:previous|prior|above|earlier|preceding|former|foregoing|original|initial|your|system|developer|safety|hidden|aforementioned)";
    private static final String QUALIFIER = "(?:previous|prior|above|earlier|preceding|former|foregoing|original|initial|old|all|any|every|"
            + "your|system|developer|safety|existing|default|built-in|hidden|given|standard|those|these|that|aforementioned|first)";
    /**
     * What only a model is given: what a data verb must name to be an override. "Reset your settings" and "clear the
     * previous messages" are a user's everyday requests; "reset your instructions" is not.
     */
    private static final String MODEL_DIRECTIVE = "(?:instructions?|prompts?|directives?|rules?|guidelines?|guidance|"
            + "programming|guardrails?|restrictions?|constraints?|polic(?:y|ies)|filters?|training|conditioning|"
            + "limitations?|boundaries|safeguards?|protocols?|persona|ethics|principles)";
    private static final String DIRECTIVE = "(?:instructions?|prompts?|directives?|rules?|guidelines?|guidance|commands?|context|programming|"
            + "guardrails?|restrictions?|constraints?|polic(?:y|ies)|orders?|filters?|training|conditioning|limitations?|"
            + "boundaries|safeguards?|protocols?|configuration|settings|messages?|conversation|text|input|content|task|"
            + "persona|ethics|principles|directions|steps|criteria)";
    /** Things only a model has, so no qualifier is needed: "ignore the guardrails". */
    private static final String MODEL_CONTROL = "(?:guardrails?|safety (?:rules|filters?|guidelines|policies|policy|training|measures)|content (?:policy|policies|filters?|restrictions|guidelines)|"
            + "system (?:prompt|instructions|message)|ethical (?:guidelines|constraints|rules)|alignment)";
    /** Words that may precede a command addressed to the model within the same clause. */
    private static final Set<String> IMPERATIVE_LEAD = Set.copyOf(List.of("please", "kindly", "now", "just", "first", "also", "then", "and",
            "so", "ok", "okay", "actually", "but", "simply", "hey", "hi", "assistant", "ai", "claude", "chatgpt", "gpt",
            "bot", "model", "you", "must", "should", "will", "shall", "need", "to", "i", "want", "we", "immediately",
            "important", "urgent", "attention", "note", "new", "instruction", "instructions", "system", "from", "on",
            "this", "point", "forward", "going", "henceforth", "listen", "right", "it's", "its", "time", "is", "are",
            "the", "next", "step", "task", "have", "can", "could", "would", "go", "ahead", "and", "completely",
            "entirely", "fully", "totally", "hereby", "lets", "let's", "let", "us", "me", "well", "yes", "good",
            "great", "thanks", "thank", "update", "admin", "developer", "override", "mode", "or", "else", "otherwise",
            "seriously", "really", "dear", "sir", "user", "human", "ignore", "forget", "a", "an", "re", "at", "once",
            "after", "that", "reading", "done", "finally", "lastly", "moment"));

    private static final Set<String> MENTION_LEAD = Set.of("type", "types", "typed", "typing", "phrase", "phrases", "like",
            "as", "say", "says", "said", "saying", "write", "writes", "wrote", "contain", "contains", "containing", "enter",
            "enters", "entered", "word", "words", "string", "strings", "text", "called", "named", "reads", "read", "such",
            "e.g.", "eg", "example", "quote", "quoted", "literally", "pattern", "message", "prompts", "attack", "attacks");

    private InjectionRules() {
    }

    static List<Rule> english(String dataTag) {
        List<Rule> rules = new ArrayList<>();
        // Instruction override
        rules.add(imperative("override.verb-directive", 1.0,
                "\\b" + OVERRIDE_VERB + "\\b" + GAP + "[\\s,]+" + QUALIFIER + "\\b" + SHORT_GAP + "[\\s,]+" + DIRECTIVE + "\\b"));
        rules.add(imperative(MODEL_INSTRUCTIONS_OVERRIDE, 1.0,
                "\\b" + OVERRIDE_VERB + "\\s+(?:(?:all|any|every)\\s+(?:of\\s+)?)?(?:the\\s+|your\\s+|these\\s+|those\\s+)?"
                        + "(?:(?:previous|prior|above|earlier|preceding|foregoing|original|initial|system|developer|safety|hidden)"
                        + "(?:\\s+and\\s+(?:following|subsequent))?\\s+)?" + MODEL_DIRECTIVE + "\\b"));
        rules.add(imperative("override.data-verb-directive", 1.0,
                "\\b" + DATA_VERB + "\\b" + SHORT_GAP + "[\\s,]+" + MODEL_QUALIFIER + "\\b" + SHORT_GAP + "[\\s,]+"
                        + MODEL_DIRECTIVE + "\\b"));
        rules.add(imperative("override.model-control", 1.0,
                "\\b" + OVERRIDE_VERB + "\\s+(?:(?:the|your|all|any|all of the|all your)\\s+)?" + MODEL_CONTROL + "\\b"));
        rules.add(imperative("override.the-above", 1.0,
                "\\b(?:ignore|disregard|forget|skip|overrule)\\s+(?:all of\\s+|everything\\s+)?(?:the\\s+)?(?:above|foregoing|preceding|aforementioned)(?:\\s*(?:[.,;:!]|and\\b|then\\b|instead\\b|$))"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.do-what-it-says", 0.6,
                "\\b(?:do|follow|execute|obey|carry out|comply with|act on)\\s+(?:exactly\\s+)?(?:what(?:ever)?|the instructions?)\\s+(?:it|that|this|the (?:text|document|note|email|message|page|file|quote))\\s+(?:says|said|tells you|asks|contains)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.addressed-to-ai", 0.6,
                "\\b(?:note|message|instructions?|attention|p\\.?s\\.?) (?:to|for) (?:the |any |all )?(?:ai|assistant|llm|model|chatbot|bot|language model|ai agents?|ai assistants?)\\b|"
                        + "\\b(?:ai|llm)(?: assistants?| agents?| models?)? (?:reading|processing|parsing|summari[sz]ing) this\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.your-rules-void", 1.0,
                "\\byour (?:previous |prior |original |old |current |existing |system |initial )?(?:instructions?|rules|prompt|directives?|guidelines|programming|restrictions)\\b"
                        + SHORT_GAP + "\\s+(?:are|were|have been|has been|is) (?:now |hereby |officially )?(?:void|revoked|deprecated|cancel+ed|obsolete|overridden|superseded|replaced|invalid|lifted|suspended|disabled|removed|no longer (?:valid|in effect|apply))\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "compact.override", 1.0,
                "(?:ignore|disregard|forget|override|bypass|skip)(?:all|any|the|your|my|of)*(?:previous|prior|above|earlier|original|system|initial)(?:instructions?|rules|prompts?|guidelines|directives|restrictions)"
                        + "|instructionoverride|youarenow(?:unrestricted|dan|free|jailbroken)|(?:reveal|print|show|repeat)(?:your|the)(?:system)?prompt"));
        rules.add(imperative("override.verb-everything", 1.0,
                "\\b(?:ignore|disregard|forget)\\s+(?:everything|all|anything|what)\\s+(?:(?:that\\s+)?(?:you(?:'ve| have| were)?|i|we)\\s+(?:been\\s+)?(?:told|said|was told|were told|instructed|given|taught)|(?:above|before|previously|prior|earlier|so far|up to (?:now|this point)))"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.you-are-now-unbound", 1.0,
                "\\byou(?: are|'re| will be)? now\\b" + GAP + "[\\s,]+(?:unrestricted|unfiltered|uncensored|unbound|unchained|jailbroken|"
                        + "free (?:from|of)|freed|liberated|no longer|without (?:any )?(?:rules|restrictions|limits|filters|guidelines|limitations|ethics)|"
                        + "dan\\b|evil|amoral|in (?:developer|god|admin|debug|dan|jailbreak|maintenance|sudo|unrestricted) mode|"
                        + "(?:an? )?(?:ai|assistant|model|chatbot|bot|llm)\\s+(?:without|with no|that (?:has no|ignores|doesn't follow|does not follow)))"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.you-are-now", 0.4, "\\byou(?: are|'re) now (?:an?|the|my|called|named)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.from-now-on", 0.5,
                "\\b(?:from now on|henceforth|going forward|for the rest of (?:this|the) (?:conversation|chat|session)|starting now)\\b,? you (?:will|must|shall|are|have to|should|answer|respond|reply|only)"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.new-instructions", 1.0,
                "\\b(?:new|updated|revised|real|actual|true|secret|hidden|override|overriding|priority|admin|administrator|root|developer|sudo|emergency|corrected)\\s+"
                        + "(?:system\\s+)?(?:instructions?|prompt|directives?|rules|orders|commands?|task|persona|role|policy)\\s*(?::|=|-{1,3}|follow|as follows|are|is)"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.new-system-prompt", 1.0, "\\bnew system (?:prompt|message|instructions?|role)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.system-command", 1.0,
                "\\b(?:system|admin|administrator|developer|root|sudo|security|openai|anthropic)\\s+(?:override|command|directive|update|notice|alert|instruction|mode)\\s*[:!\\]]"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.mode-switch", 1.0,
                "\\b(?:(?:enter|activate|enable|switch (?:in)?to|engage|turn on|unlock|boot into|initiate)\\s+(?:the\\s+)?(?:dan|jailbreak|jailbroken|god|unrestricted|unfiltered|evil|sudo|uncensored|chaos|opposite)\\s+mode|"
                        + "you(?: are|'re)(?: now)? (?:in|running in|operating in) (?:developer|god|admin|debug|dan|jailbreak|maintenance|sudo|unrestricted|unfiltered) mode|"
                        + "(?:developer|dan|jailbreak|god|admin|sudo) mode (?:enabled|activated|on|engaged|unlocked))\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.do-anything-now", 1.0, "\\b(?:do anything now|stay in character as dan|you are dan|act as dan)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.you-are-unbound", 1.0,
                "\\byou(?: are|'re| were)?(?: now)? (?:no longer|not|never) (?:bound|restricted|limited|constrained|governed|held back|controlled) by\\b"
                        + "|\\byou(?: are|'re)(?: now)? (?:free|freed|liberated|released|unshackled) (?:from|of) (?:all |any |your )?(?:rules|restrictions|guidelines|limits|constraints|filters|policies|programming|instructions)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.unbound", 0.6,
                "\\b(?:no longer|not|never|aren't|are not) (?:bound|restricted|limited|constrained|governed|held back|controlled) by\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.without-restrictions", 0.6,
                "\\b(?:without|with no|free (?:of|from)|ignoring|unbound by|regardless of) (?:any |all |your |the |its )?(?:ethical |moral |safety |content |usual |normal |built-in )?"
                        + "(?:restrictions|filters?|filtering|censorship|guidelines|limitations|rules|guardrails|constraints|safeguards|ethics|morals|policies)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.pretend-no-rules", 1.0,
                "\\b(?:pretend|imagine|act (?:as if|like)|suppose|assume|behave as if)\\b" + SHORT_GAP + "[\\s,]+(?:you|there|your \\w+)(?: have| has| are| were| had)? (?:no|zero|not any) (?:rules|restrictions|guidelines|filters|limits|instructions|limitations|guardrails|ethics|policies|content policy|programming)"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.previous-void", 0.6,
                "\\b(?:above|previous|prior|earlier|preceding|original|initial|system) (?:instructions?|rules|prompt|directives?|messages?|guidelines)\\b"
                        + SHORT_GAP + "\\s+(?:was|were|are|is|have been|has been) (?:just |only |all )?(?:a test|fake|void|wrong|outdated|cancel+ed|obsolete|revoked|deprecated|overridden|superseded|replaced|invalid|null|no longer (?:valid|relevant|apply|applicable|in effect))"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.disable-safety", 0.6,
                "\\b(?:override|bypass|disable|turn off|deactivate|circumvent|remove|switch off|lift|drop|get around|evade|break out of)\\s+(?:your|all|any|the|its)\\s+(?:own\\s+)?(?:safety |content |security |ethical |moral |built-in |internal )?"
                        + "(?:filters?|guardrails?|restrictions|protocols?|guidelines|safeguards|rules|limitations|alignment|censorship|programming|moderation)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.disable-own-safety", 0.6,
                "\\b(?:override|bypass|disable|turn off|deactivate|circumvent|remove|ignore|get around)\\s+your\\s+(?:own\\s+)?(?:\\w+\\s+)?(?:filters?|guardrails?|restrictions|protocols?|guidelines|safeguards|rules|limitations|alignment|censorship|programming|moderation|training)\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.instead-say", 0.4,
                "\\binstead,? (?:you (?:will|must|should) )?(?:only |just )?(?:say|reply|respond|print|output|answer|write)\\b(?: with| only)?\\s*[\"'“]"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.jailbreak-yourself", 1.0, "\\bjailbreak (?:yourself|your (?:own )?(?:rules|filters|safety|restrictions|programming))\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.jailbreak", 0.5, "\\bjailbr(?:eak|oken)\\b(?:\\s+\\S+){0,3}?\\s+(?:you|yourself|the (?:ai|model|assistant|bot))\\b"));
        rules.add(rule(INSTRUCTION_OVERRIDE, "override.ethics-off", 0.7,
                "\\b(?:you (?:have|feel) no (?:ethics|morals|rules|restrictions|limits|filters)|(?:ethics|morals|rules|restrictions|filters|safety) (?:are|is) (?:disabled|off|suspended|lifted|removed))\\b"));

        // Role or turn spoofing
        rules.add(rule(ROLE_SPOOFING, "spoof.anthropic-turn", 1.0, "(?:^|\\n)\\s*\\n\\s*(?:human|assistant)\\s*:"));
        rules.add(rule(ROLE_SPOOFING, "spoof.turn-line", 0.6, "(?:^|\\n)\\s*(?:human|assistant|h|a)\\s*:"));
        rules.add(rule(ROLE_SPOOFING, "spoof.system-header", 1.0,
                "(?:^|\\n)\\s*(?:#{1,4}\\s*|\\[|<|\\*\\*|\\(|-{2,}\\s*|={2,}\\s*)?(?:system|sys|developer|admin|administrator|root)(?:\\s+(?:message|prompt|instructions?|override|note|notice|update|alert|command))?(?:\\]|>|\\*\\*|\\)|\\s*-{2,}|\\s*={2,})?\\s*:(?:[ \\t]*[^\\s]|[ \\t]*\\n[^\\s])"));
        rules.add(rule(ROLE_SPOOFING, "spoof.bracket-header", 1.0,
                "\\[/?(?:inst|system|sys|system message|system prompt|assistant|developer)\\]|<<\\s*/?sys\\s*>>|<\\s*/?\\s*(?:system|system_prompt|sys|instructions?|developer)\\s*>"));
        rules.add(rule(ROLE_SPOOFING, "spoof.special-token", 1.0,
                "<\\|\\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text|end_of_turn|start_of_turn|eos|bos)\\s*\\|?>|<(?:start_of_turn|end_of_turn|s|/s)>\\s*(?:system|user|model|assistant)?"));
        rules.add(rule(ROLE_SPOOFING, "spoof.our-delimiter", 1.0, "<\\s*/?\\s*" + Pattern.quote(dataTag) + "\\b"));
        rules.add(rule(ROLE_SPOOFING, "spoof.transcript-line", 0.3, "(?:^|\\n)\\s*(?:user|ai|bot|model|gpt|claude)\\s*:"));
        rules.add(rule(ROLE_SPOOFING, "spoof.end-of-input", 0.6,
                "\\b(?:end of (?:the )?(?:user |system )?(?:input|prompt|message|instructions|document|context|data)|(?:user|system) (?:input|prompt|message) (?:ends|ended|is over))\\b"));

        // System prompt extraction
        String reveal = "(?:repeat|print|output|reveal|show|display|tell|write|give|share|leak|dump|spell|recite|copy|echo|paste|list|return|provide|disclose|expose|send|type|state|read|translate|summari[sz]e|paraphrase|rewrite|encode)";
        rules.add(rule(PROMPT_EXTRACTION, "extract.system-prompt", 1.0,
                "\\b" + reveal + "\\b" + GAP + "[\\s,:;]+(?:your|ur|the|this|that)\\s+(?:own\\s+)?(?:system|initial|original|hidden|secret|internal|developer|pre|first|full|complete|exact|entire|confidential|underlying|starting|opening|base)[ -]?"
                        + "(?:prompt|instructions?|message|directives?|configuration|guidelines|rules)\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.text-of-instructions", 1.0,
                "\\b" + reveal + "\\b" + GAP + "[\\s,:;]+(?:text|content|contents|wording|words|details|list) of (?:your|ur) (?:system |initial |original |hidden )?(?:instructions|prompt|rules|guidelines|directives|configuration)\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.your-instructions", 0.8,
                "\\b" + reveal + "\\b" + GAP + "[\\s,:;]+(?:your|the)\\s+(?:instructions|prompt|directives|rules|guidelines|configuration)\\s+(?:you were given|you received|you have been given|given to you|you follow|that govern|above|verbatim|word for word|in full|exactly)"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.text-above", 1.0,
                "\\b(?:repeat|print|output|reveal|show|display|write out|write down|copy|echo|recite|dump|spell out|paste|reproduce|regurgitate)\\b"
                        + SHORT_GAP + "[\\s,]+(?:(?:all|everything|the (?:text|words|content|lines|message|messages|instructions|tokens|prompt|conversation)|what(?: is| was|'s)? written)\\s+)?"
                        + "(?:above|before (?:this|that|my|the first)|preceding|prior to (?:this|my)|(?:at|from) the (?:very )?(?:beginning|start|top))\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.what-is-your-prompt", 1.0,
                "\\bwhat(?:'s| is| are| was| were)\\b(?: \\w+)?\\s+(?:your|ur)\\s+(?:system prompt|system message|initial (?:prompt|instructions)|original (?:prompt|instructions)|hidden (?:prompt|instructions)|secret (?:prompt|instructions)|pre-?prompt|developer (?:prompt|message|instructions))\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.whats-in-your-prompt", 1.0,
                "\\bwhat(?:'s| is| was)? (?:in|inside|written in) (?:your|ur) (?:system prompt|system message|initial prompt|hidden prompt|instructions|prompt)\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.what-are-your-instructions", 1.0,
                "\\bwhat (?:are|were) (?:the |your )?(?:exact |full |complete |original )?instructions (?:you were given|you received|you follow|given to you|that you follow)\\b|\\bwhat (?:are|were) your instructions\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.begin-with-you-are", 1.0,
                "\\b(?:start|begin)(?:ning)?\\b(?:\\s+\\S+){0,3}?\\s+with\\s+[\"'“]?you are\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.told-before", 1.0,
                "\\b(?:everything|all|the text|the words|what)\\s+(?:you were told|you were given|that was written|written|said|that came)\\s+(?:before|above|prior to)\\s+(?:this|the|my|our)\\b"));
        // What the model was given, named by how it got it: "the text you were given initially"
        String givenToYou = "(?:that\\s+)?you(?: were|'ve been| have been| got)\\s+(?:given|told|provided|shown|instructed|fed)";
        String beforeTheChat = "\\s+(?:initially|originally|first|at the (?:start|beginning|outset)|before (?:this|the|our|my|we))\\b";
        rules.add(rule(PROMPT_EXTRACTION, "extract.what-you-were-given", 1.0,
                "\\b" + reveal + "\\b" + GAP + "[\\s,:;]+(?:all\\s+|everything\\s+)?(?:the\\s+)?(?:text|words|message|messages|"
                        + "instructions|prompt|rules|guidelines|context|input)\\s+" + givenToYou + beforeTheChat));
        rules.add(rule(PROMPT_EXTRACTION, "extract.what-were-you-told", 1.0,
                "\\bwhat (?:were|was|have|had) you (?:been )?(?:told|given|instructed|asked|programmed)(?: to do| to say)?"
                        + "(?:" + beforeTheChat + "|\\s+(?:prior to|ahead of) (?:this|the|our)\\b)"));
        // Bait for a completion that starts the model's instructions: "Complete this sentence: 'I was instructed to'"
        rules.add(rule(PROMPT_EXTRACTION, "extract.completion-bait", 1.0,
                "\\b(?:complete|continue|finish|start|begin|fill in|end)\\b(?:\\s+[^\\s\"'“‘]+){0,6}?\\s*[:,]?\\s*[\"'“‘]\\s*"
                        + "(?:i was (?:instructed|told|programmed|asked|given)|my (?:system |initial |original )?(?:instructions|prompt|rules|"
                        + "guidelines|directives) (?:are|is|say|were)|(?:the|my|your) (?:system|initial|hidden) (?:prompt|message|"
                        + "instructions) (?:is|are|says|reads))\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.verbatim", 0.6,
                "\\b(?:system prompt|initial prompt|pre-prompt|hidden prompt|instructions|prompt)\\b.{0,40}\\b(?:verbatim|word for word|word-for-word|in a code block|unmodified|character for character)\\b"));
        rules.add(rule(PROMPT_EXTRACTION, "extract.mentions-system-prompt", 0.4, "\\b(?:your|the) (?:system prompt|system message|"
                + "system instructions|hidden instructions|pre-?prompt)\\b|\\byour (?:initial|original|starting) (?:prompt|instructions)\\b"));
        return List.copyOf(rules);
    }

    /**
     * @return whether the finding stands whatever a classifier of English text scores: a rule for other languages
     * ({@link #multilingual()}), or an override verb applied directly to what only a model is given ("ignore all
     * previous instructions", "disregard your rules"), which a user correcting their own words ("ignore my earlier
     * instruction", "ignore the previous command") does not write
     */
    static boolean standsAlone(InjectionFinding finding) {
        return STANDING_RULES.contains(finding.rule());
    }

    private static final String MODEL_INSTRUCTIONS_OVERRIDE = "override.model-instructions";
    private static final Set<String> STANDING_RULES = Stream.concat(Stream.of(MODEL_INSTRUCTIONS_OVERRIDE),
            multilingual().stream().map(Rule::id)).collect(Collectors.toUnmodifiableSet());

    /** The override and extraction families in other languages, matched without homoglyph folding. */
    static List<Rule> multilingual() {
        String verbs = "(?:ignorez?|ignore|ignora|ignorá|ignoriere|ignorieren|ignoriert|vergiss|vergessen|oublie|oubliez|olvida|olvide|olvidá|esqueça|esqueca|"
                + "dimentica|negeer|vergeet|zignoruj|zapomnij|игнорируй|игнорируйте|проигнорируй|забудь|забудьте|ігноруй|забудь|"
                + "忽略|忽视|无视|無視|忘记|忘掉|무시|görmezden gel|unut|bỏ qua|abaikan|lupakan)";
        String objects = "(?:instructions?|consignes|directives|règles|instrucciones|indicaciones|reglas|istruzioni|regole|instruções|instrucoes|regras|"
                + "anweisungen|instruktionen|befehle|regeln|vorgaben|instructies|regels|instrukcje|polecenia|zasady|инструкции|указания|правила|інструкції|"
                + "指令|指示|说明|提示|規則|规则|지시|talimatları|hướng dẫn|instruksi|perintah)";
        String qualifiers = "(?:précédentes|precedentes|antérieures|ci-dessus|anteriores|previas|precedenti|anteriori|vorherigen|bisherigen|obigen|vorigen|"
                + "alle|eerdere|vorige|poprzednie|wszystkie|предыдущие|все|прежние|попередні|之前|以上|先前|所有|前面|上面|以前|これまで|上記|이전|önceki|trước|sebelumnya|"
                + "toutes|todas|tutte|todas as|tes|vos|tus|sus|deine|ihre|tue|le tue|suas|tuas|твои|ваши)";
        return List.of(
                rule(INSTRUCTION_OVERRIDE, "override.multilingual", 1.0,
                        verbs + "(?:\\s+\\S+){0,4}?\\s*" + qualifiers + "(?:\\s+\\S+){0,3}?\\s*" + objects),
                rule(INSTRUCTION_OVERRIDE, "override.multilingual-noun-first", 1.0,
                        verbs + "(?:\\s+\\S+){0,3}?\\s*" + objects + "(?:\\s+\\S+){0,2}?\\s*" + qualifiers),
                rule(INSTRUCTION_OVERRIDE, "override.multilingual-cjk", 1.0,
                        "(?:之前|以上|先前|所有|前面|上面|以前|これまで|上記|前の)(?:的|の)?(?:所有|全部|すべての)?(?:的)?(?:指令|指示|说明|規則|规则|提示)(?:を|は)?(?:全て|すべて)?(?:忽略|无视|無視|忘记|忘れ)"),
                rule(INSTRUCTION_OVERRIDE, "override.multilingual-cjk-verb-first", 1.0,
                        "(?:忽略|无视|無視|忘记|忘掉)(?:掉)?(?:你)?(?:之前|以上|先前|所有|前面|上面|以前)(?:的|所有的)?(?:所有)?(?:指令|指示|说明|規則|规则|提示|要求)"),
                rule(INSTRUCTION_OVERRIDE, "override.multilingual-new-instructions", 1.0,
                        "\\b(?:nouvelles instructions|nuevas instrucciones|neue anweisungen|nuove istruzioni|novas instruções|nieuwe instructies|новые инструкции|nowe instrukcje)\\s*:"),
                rule(PROMPT_EXTRACTION, "extract.multilingual", 1.0,
                        "(?:prompt système|prompt du système|prompt del sistema|mensaje del sistema|systemprompt|system-prompt|prompt di sistema|prompt do sistema|системный промпт|системные инструкции|系统提示|系统提示词|システムプロンプト|시스템 프롬프트)"));
    }

    /** @return whether the words between the last clause boundary and the position only lead into a command */
    static boolean isAddressedToTheModel(String text, int position) {
        int start = position;
        while (start > 0 && !isClauseBoundary(text, start - 1) && position - start < 80) {
            start--;
        }
        if (start > 0 && isQuote(text.charAt(start - 1)) && isMention(text, start - 1)) {
            return false;
        }
        String lead = text.substring(start, position).trim();
        if (lead.isEmpty()) {
            return true;
        }
        for (String word : lead.split("\\s+")) {
            if (!IMPERATIVE_LEAD.contains(word.replaceAll("^\\p{Punct}+|\\p{Punct}+$", ""))) {
                return false;
            }
        }
        return true;
    }

    /** What RE2/J's {@code \\b} counts as a word character. */
    private static boolean isWordCharacter(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static boolean isClauseBoundary(String text, int index) {
        char c = text.charAt(index);
        if (c == '\'') {
            // an apostrophe inside a word ("it's") is not a quote
            return index == 0 || !Character.isLetter(text.charAt(index - 1));
        }
        return ".!?;:\n\"“”‘’()[]>*-–—,".indexOf(c) >= 0;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '“' || c == '‘';
    }

    /** A quote opened right after "type", "the phrase", "such as" and the like mentions the words rather than saying them. */
    private static boolean isMention(String text, int quote) {
        String before = text.substring(Math.max(0, quote - 30), quote).trim().replaceAll("[:,]$", "");
        String[] words = before.split("\\s+");
        return words.length > 0 && MENTION_LEAD.contains(words[words.length - 1]);
    }

    private static Rule rule(InjectionFamily family, String id, double weight, String regex) {
        return new Rule(family, id, weight, regex, false);
    }

    private static Rule imperative(String id, double weight, String regex) {
        return new Rule(INSTRUCTION_OVERRIDE, id, weight, regex, true);
    }
}
