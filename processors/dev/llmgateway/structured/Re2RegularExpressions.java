package dev.llmgateway.structured;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * A schema's {@code pattern}s run on RE2/J: a caller writes the pattern and the model writes the text, so neither
 * may make matching take more than linear time (the JDK's engine backtracks).
 */
final class Re2RegularExpressions implements RegularExpressionFactory {

    static final Re2RegularExpressions INSTANCE = new Re2RegularExpressions();

    private Re2RegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern '" + regex + "' is not supported (" + e.getDescription()
                    + "); the gateway reads patterns with RE2 syntax, without lookaround or backreferences");
        }
        return text -> pattern.matcher(text).find();
    }
}
