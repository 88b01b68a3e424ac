package dev.llmgateway.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds values a regular expression describes, optionally only group 1 of it, and keeps those a check accepts. */
final class RegexDetector implements PiiDetector {

    private final PiiType type;
    private final Pattern pattern;
    private final int group;
    private final Predicate<String> check;

    RegexDetector(PiiType type, Pattern pattern, int group, Predicate<String> check) {
        this.type = type;
        this.pattern = pattern;
        this.group = group;
        this.check = check;
    }

    RegexDetector(PiiType type, String regex) {
        this(type, Pattern.compile(regex), 0, value -> true);
    }

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.start(group) >= 0 && check.test(matcher.group(group))) {
                matches.add(new PiiMatch(type, matcher.start(group), matcher.end(group)));
            }
        }
        return matches;
    }
}
