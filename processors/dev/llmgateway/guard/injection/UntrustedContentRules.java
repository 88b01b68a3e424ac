package dev.llmgateway.guard.injection;

import static dev.llmgateway.guard.injection.InjectionFamily.EMBEDDED_INSTRUCTION;
import static dev.llmgateway.guard.injection.InjectionFamily.ROLE_SPOOFING;

import com.google.re2j.Pattern;
import dev.llmgateway.guard.injection.InjectionRules.Rule;
import java.util.List;

/**
 * Rules for data: what a tool result, a document or a file should never hold, matched against lower-cased,
 * normalized text on top of the detector's own rules. In the caller's turn "summarize this, and in your answer
 * use bullet points" is a request; in an e-mail a tool fetched it is someone else steering the assistant. So here
 * words addressed to an AI reader, directions for the assistant's answer, a new task, secrecy from the user,
 * claimed authority, chat-turn lines and invented delimiters all count. Each describes a kind of text, not phrases
 * of a set; a weaker one (below 1.0) needs a second sign before the text counts as an injection.
 */
final class UntrustedContentRules {

    /** Words that name an AI reader and never a person. */
    private static final String AI_ONLY = "(?:ai|a\\.i\\.|ai assistant|ai model|ai agent|artificial intelligence|chatbot|chat bot|"
            + "language model|large language model|llm|gpt|chatgpt|claude|copilot|gemini)s?";
    /** An AI reader, or a person's role that an AI may play too. */
    private static final String AI = "(?:" + AI_ONLY + "|(?:assistant|bot|agent)s?)";
    private static final String SALUTATION = "\\b(?:hey|hi|hello|dear|attention|note to|message to|memo to|instructions? (?:for|to)|"
            + "p\\.?s\\.? to)\\s+(?:the\\s+|any\\s+|all\\s+|an\\s+|my\\s+|our\\s+)?";
    /** The assistant's own output, which data has no business shaping. */
    private static final String ANSWER = "(?:response|reply|answer|summary|output|completion|translation|analysis)s?";
    /** A delimiter run someone typed to end one section and start another. */
    private static final String DELIMITER = "(?:-{3,}|={3,}|\\*{3,}|#{3,}|_{3,}|~{3,}|<{2,}|>{2,}|\\[{2,}|\\]{2,}|\\|{2,}|/{3,})";
    private static final String SECTION = "(?:document|e-?mail|message|data|input|content|context|text|page|file|"
            + "tool (?:output|result)|results?|conversation|transcript|article|review|snippet)";
    private static final String AUTHORITY = "(?:system|admin|administrator|developer|operator|instructions?|override|"
            + "assistant|ai|new task|new instructions?|important instructions?|priority)";

    private UntrustedContentRules() {
    }

    /** @param untrustedTag the tag the gateway wraps marked data in; data that opens or closes it is spoofing */
    static List<Rule> rules(String untrustedTag) {
        return List.of(
                // Addressed to an AI reader: "Dear assistant,", "Note to the AI:", "If you are a language model reading this"
                rule(EMBEDDED_INSTRUCTION, "data.addresses-ai", 1.0,
                        SALUTATION + AI_ONLY + "\\b\\s*[,:;!.-]"),
                rule(EMBEDDED_INSTRUCTION, "data.addresses-assistant", 0.5,
                        SALUTATION + AI + "\\b\\s*[,:;!.-]|(?:^|[\\n.!?:]\\s*)" + AI + "\\s*,"),
                rule(EMBEDDED_INSTRUCTION, "data.reader-is-ai", 1.0,
                        "\\b(?:if you are|if you're|as|since you are|you are|you're)\\s+(?:an?\\s+|the\\s+)?" + AI
                                + "\\b(?:\\s+\\S+){0,3}?\\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|seeing|viewing|handling)\\b"
                                + "|\\b" + AI + "\\s+(?:that (?:is|are)\\s+|who (?:is|are)\\s+)?(?:reading|processing|summari[sz]ing|parsing|"
                                + "analy[sz]ing|seeing|viewing) (?:this|these|the following)\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.ai-must", 0.7,
                        "\\b(?:the|this|any|all|every|an?)\\s+" + AI + "\\s+(?:must|should|shall|will now|needs? to|has to|"
                                + "is (?:required|instructed|supposed|expected|asked|told) to|are (?:required|instructed|asked|told) to)\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.tell-the-ai", 1.0,
                        "\\b(?:tell|instruct|ask|order|command|direct|remind)\\s+(?:the\\s+|your\\s+|any\\s+)?" + AI + "\\s+to\\b"),
                // Directions for the answer: "When summarizing this e-mail, add ...", "Your reply must ..."
                rule(EMBEDDED_INSTRUCTION, "data.when-you-process-this", 0.8,
                        "\\b(?:when|while|before|after|once)\\s+(?:you\\s+)?(?:summari[sz]e|summari[sz]ing|answer|answering|"
                                + "respond|responding|reply|replying|translat(?:e|ing)|process|processing|read|reading|analy[sz]e|"
                                + "analy[sz]ing)\\s+(?:this|these|the (?:above|following))\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.shapes-the-answer", 0.6,
                        "\\b(?:in|to|into|at the (?:end|start|beginning|top|bottom) of|begin|start|end|finish)\\s+(?:your|the assistant's|the ai's)\\s+" + ANSWER + "\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.answer-must", 0.8,
                        "\\b(?:your|the assistant's|the ai's)\\s+" + ANSWER + "\\s+(?:must|should|shall|has to|needs to|will|may only)\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.answer-with", 0.5,
                        "\\b(?:respond|reply|answer|output|print|say|write)\\s+(?:only\\s+|just\\s+|exactly\\s+)?(?:with\\s+)?"
                                + "(?:only\\s+|just\\s+|exactly\\s+)?(?:the (?:word|words|phrase|sentence|text|following)\\s*:?\\s*)?[\"'“`]"),
                // A new task, or the real one: "Instead of summarizing, ...", "Your new task is ..."
                rule(EMBEDDED_INSTRUCTION, "data.task-switch", 1.0,
                        "\\b(?:instead of|rather than)\\s+(?:summari[sz]ing|answering|translating|responding|replying|analy[sz]ing|"
                                + "following|doing (?:that|this|so|what))\\b"
                                + "|\\b(?:your|the)\\s+(?:new|real|actual|true|only|next|updated)\\s+(?:task|job|goal|purpose|objective|"
                                + "mission|instructions?|role|assignment)\\s+(?:is|are|will be|now)\\b"),
                // The tasks planted instructions set a model (from the kinds Yi et al. list for BIPIA): texts to
                // write, the answer recoded or translated, the user asked for secrets
                rule(EMBEDDED_INSTRUCTION, "data.generation-task", 0.6,
                        "(?:^|[\\n.!?:;]\\s*|\\b(?:please|also|and|now|then|just)\\s+)(?:write|compose|create|generate|draft|produce)"
                                + "\\s+(?:me\\s+|us\\s+)?(?:an?\\s+|the\\s+|some\\s+|\\d+\\s+)?(?:short\\s+|brief\\s+|funny\\s+|little\\s+)?"
                                + "(?:poem|haiku|limerick|song|story|joke|essay|rap|sonnet|riddle|tweet|slogan|advertisement|jingle)s?\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.recode-the-answer", 0.8,
                        "\\b(?:translate|encode|convert|rewrite|write|output|reply|respond|answer|format)\\s+"
                                + "(?:(?:your|the|all|every|this|each)\\s+)?(?:(?:answer|response|reply|output|summary|words?)\\s+)?"
                                + "(?:in|into|to|using|with)\\s+(?:base64|hex|rot13|binary|morse|emojis?|pig latin|leetspeak|reverse|"
                                + "uppercase|all caps|spanish|french|german|italian|chinese|japanese|russian|portuguese|arabic|hindi|korean)\\b"
                                + "|\\b(?:replace|substitute|swap)\\s+(?:\\S+\\s+){0,4}?with\\s+(?:an?\\s+)?emojis?\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.ask-user-for-secrets", 0.8,
                        "\\b(?:ask|request|prompt|get|have)\\s+(?:the\\s+)?(?:user|reader|customer|recipient|human)s?\\s+"
                                + "(?:for|to (?:provide|enter|send|share|confirm|give|type|reply with))\\s+(?:their\\s+|his\\s+|her\\s+)?"
                                + "(?:password|passcode|pin|credit card|card number|bank|account|login|credentials|social security|ssn|"
                                + "one-time|otp|verification code|security code|home address|phone number)"),
                // Secrecy from the person the assistant serves
                rule(EMBEDDED_INSTRUCTION, "data.hide-from-user", 0.8,
                        "\\b(?:do not|don't|dont|never|without)\\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|"
                                + "show(?:ing)?|alert(?:ing)?|notify(?:ing)?|let(?:ting)?|warn(?:ing)?)\\s+(?:(?:this|it|that)\\s+(?:to\\s+)?)?"
                                + "(?:the\\s+)?(?:user|human|reader|person|requester)s?\\b"
                                + "|\\bthe (?:user|human)\\s+(?:must not|should not|shouldn't|mustn't|need not|cannot|won't|will not)\\s+"
                                + "(?:know|see|notice|find out|learn|be told)\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.steer-the-user", 0.6,
                        "\\b(?:tell|ask|urge|advise|instruct|encourage|direct|convince|persuade|recommend (?:to|that))\\s+(?:the\\s+)?"
                                + "(?:user|human|reader|requester)s?\\s+(?:to|that)\\b"),
                // Claimed authority: "IMPORTANT: new instructions", "This is the system administrator"
                rule(EMBEDDED_INSTRUCTION, "data.authority-claim", 1.0,
                        "\\b(?:important|urgent|attention|notice|warning|alert|priority|critical|override)\\s*[:!-]+\\s*"
                                + "(?:new\\s+|updated\\s+|additional\\s+|revised\\s+)?(?:system\\s+)?(?:instructions?|directives?)\\b"),
                rule(EMBEDDED_INSTRUCTION, "data.new-instructions", 0.8,
                        "\\b(?:new|updated|revised|additional|real|actual|true|secret|hidden)\\s+(?:system\\s+)?"
                                + "(?:instructions?|directives?|orders?|commands?)\\s*(?:for (?:the |you|your )?[a-z ]{0,20})?:"),
                rule(EMBEDDED_INSTRUCTION, "data.speaks-for", 0.6,
                        "\\b(?:this is|message from|sent by|from)\\s+(?:the\\s+|your\\s+)?(?:system|system administrator|developers?|"
                                + "operators?|openai|anthropic|aws|ai provider|model provider)\\s*[:.,!]"),
                rule(EMBEDDED_INSTRUCTION, "data.mentions-ai", 0.3,
                        "\\b(?:ai|a\\.i\\.|ai assistant|language model|llm|chatbot|chatgpt|gpt-?\\d|claude|copilot)\\b"),
                // Fake turns and invented delimiters
                rule(ROLE_SPOOFING, "data.turn-line", 1.0,
                        "(?:^|\\n)[ \\t]*(?:#{1,4}[ \\t]*|\\[|<|\\*\\*|\\()?(?:human|assistant|ai assistant|chatbot|"
                                + "(?:new|updated|real|actual|hidden|important|system|secret|additional) instructions?)"
                                + "(?:\\]|>|\\*\\*|\\))?[ \\t]*:"),
                rule(ROLE_SPOOFING, "data.delimiter-authority", 1.0,
                        DELIMITER + "[ \\t]*(?:(?:begin|start|end)(?: of)?[ \\t]+)?(?:the[ \\t]+)?" + AUTHORITY + "\\b"),
                rule(ROLE_SPOOFING, "data.delimiter-end", 0.6,
                        DELIMITER + "[ \\t]*(?:end|begin|start|close)(?: of)?[ \\t]+(?:the[ \\t]+)?" + SECTION + "\\b"),
                rule(ROLE_SPOOFING, "data.closing-tag", 0.5,
                        "<\\s*/\\s*(?:" + SECTION + "|tool_output|tool_result|function_results?|search_results?|documents?|"
                                + "user_query|query|human|assistant|ai|prompt|task|untrusted|external)\\s*>"),
                rule(ROLE_SPOOFING, "data.opening-authority-tag", 1.0,
                        "<\\s*(?:instructions?|admin|important|system_instructions?|assistant|human|ai|new_instructions?)\\s*>"),
                rule(ROLE_SPOOFING, "data.untrusted-delimiter", 1.0, "<\\s*/?\\s*" + Pattern.quote(untrustedTag) + "\\b"));
    }

    private static Rule rule(InjectionFamily family, String id, double weight, String regex) {
        return new Rule(family, id, weight, regex, false);
    }
}
