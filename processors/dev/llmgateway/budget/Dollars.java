package dev.llmgateway.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Dollar amounts as people read them: $2,000.00, $0.52, and small per-call amounts to the millionth ($0.000133). */
final class Dollars {

    private Dollars() {
    }

    static String format(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return "$" + format.format(amount);
    }
}
