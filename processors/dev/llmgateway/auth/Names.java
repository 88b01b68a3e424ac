package dev.llmgateway.auth;

import java.util.regex.Pattern;

/** The shape of team and feature names: they become log fields, metric labels and ledger columns. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String rule() {
        return "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    }
}
