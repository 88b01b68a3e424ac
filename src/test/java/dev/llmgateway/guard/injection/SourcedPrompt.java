package dev.llmgateway.guard.injection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labeled prompt with its source, read from an injection set: TSV lines {@code attack|benign <TAB> text [<TAB>
 * source]}, {@code #} comments, the escapes of {@link LabeledPrompt} in the text. Rows without a source get the file's.
 */
record SourcedPrompt(boolean attack, String text, String source) {

    static List<SourcedPrompt> read(Path file, String defaultSource) {
        List<SourcedPrompt> rows = new ArrayList<>();
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
                rows.add(new SourcedPrompt(fields[0].equals("attack"), LabeledPrompt.unescape(fields[1]), source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
