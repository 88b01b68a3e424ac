package dev.llmgateway.cache;

/**
 * A decimal number kept as its digits, for spelling numbers of a query canonically in time linear in their length
 * (BigDecimal parses, multiplies and strips trailing zeros of a number thousands of digits long in time quadratic
 * in it). The value is {@code (negative ? -1 : 1) * digits * 10^exponent}.
 *
 * @param negative whether a minus sign was written
 * @param digits   the significant digits, without leading or trailing zeros; empty for zero
 * @param exponent the power of ten the digits are multiplied by
 */
record DecimalText(boolean negative, String digits, long exponent) {

    /** @return the number a query token spells: a sign (- or U+2212), digits with thousands commas, a decimal part */
    static DecimalText parse(String token) {
        boolean negative = token.startsWith("-") || token.startsWith("\u2212");
        StringBuilder all = new StringBuilder(token.length());
        long fraction = -1;
        for (int i = negative ? 1 : 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                all.append(c);
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.') {
                fraction = 0;
            } else if (c != ',') {
                throw new NumberFormatException("not a number token: " + token);
            }
        }
        int first = 0;
        while (first < all.length() && all.charAt(first) == '0') {
            first++;
        }
        int end = all.length();
        while (end > first && all.charAt(end - 1) == '0') {
            end--;
        }
        long exponent = (all.length() - end) - Math.max(0, fraction);
        return end == first ? new DecimalText(negative, "", 0) : new DecimalText(negative, all.substring(first, end), exponent);
    }

    /** @return this number times 10^power */
    DecimalText timesPowerOfTen(int power) {
        return digits.isEmpty() ? this : new DecimalText(negative, digits, exponent + power);
    }

    /** Whether this number is a whole multiple of ten, as {@code value.remainder(BigDecimal.TEN).signum() == 0}. */
    boolean isMultipleOfTen() {
        return digits.isEmpty() || exponent >= 1;
    }

    /** @return the number in one canonical spelling, as {@code stripTrailingZeros().toPlainString()} ("0" for zero) */
    String canonical() {
        if (digits.isEmpty()) {
            return "0";
        }
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (exponent >= 0) {
            out.append(digits).append("0".repeat((int) exponent));
        } else if (-exponent < digits.length()) {
            int point = (int) (digits.length() + exponent);
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        } else {
            out.append("0.").append("0".repeat((int) (-exponent - digits.length()))).append(digits);
        }
        return out.toString();
    }
}
