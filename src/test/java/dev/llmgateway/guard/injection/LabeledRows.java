package dev.llmgateway.guard.injection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labeled texts of an injection set: TSV lines {@code attack|benign <TAB> text [<TAB> source]}, {@code #} comments,
 * with the escapes \n, \t and \\ in the text. A file without a source column gives its rows the file's default.
 */
record LabeledRows(boolean attack, String text, String source) {

    static List<LabeledRows> read(Path file, String defaultSource) {
        List<LabeledRows> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (!fields[0].equals("attack") && !fields[0].equals("benign") || fields.length < 2) {
                    throw new IllegalStateException("bad row in " + file + ": " + line);
                }
                String source = fields.length > 2 && !fields[2].isBlank() ? fields[2] : defaultSource;
                rows.add(new LabeledRows(fields[0].equals("attack"), unescape(fields[1]), source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
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
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
