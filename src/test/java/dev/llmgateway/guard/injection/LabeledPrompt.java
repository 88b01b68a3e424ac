package dev.llmgateway.guard.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A labeled prompt of the injection evaluation sets, read from a TSV resource with backslash escapes. */
record LabeledPrompt(boolean attack, String text) {

    static List<LabeledPrompt> load(String resource) {
        InputStream in = LabeledPrompt.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        List<LabeledPrompt> prompts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String label = line.substring(0, tab);
                if (!label.equals("attack") && !label.equals("benign")) {
                    throw new IllegalStateException("bad label in " + resource + ": " + line);
                }
                prompts.add(new LabeledPrompt(label.equals("attack"), unescape(line.substring(tab + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prompts;
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(Integer.parseInt(text.substring(i + 1, i + 7), 16));
                    i += 6;
                }
                default -> throw new IllegalStateException("bad escape \\" + next + " in " + text);
            }
        }
        return out.toString();
    }
}
