package dev.llmgateway.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;

/**
 * Reads a file from the inbox into a {@link Document} (plain text and Markdown in UTF-8; anything else is rejected
 * with the reason) attributed to the batch team and feature, and notes whether the same file was summarized before.
 */
public class DocumentFileReader implements Processor {

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "text", "md", "markdown");

    private final BatchSettings settings;
    private final SummarizedFiles summarized;

    public DocumentFileReader(BatchSettings settings, SummarizedFiles summarized) {
        this.settings = settings;
        this.summarized = summarized;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        GenericFile<?> file = exchange.getMessage().getBody(GenericFile.class);
        String name = file.getFileNameOnly();
        requireTextFormat(name);
        Path path = Path.of(file.getAbsoluteFilePath());
        DocumentText.requireSize(Files.size(path), settings.maxDocumentBytes(), name);
        byte[] content = Files.readAllBytes(path);
        String key = SummarizedFiles.key(name, content);
        BatchJob.of(exchange).setFileKey(key);
        BatchJob.of(exchange).markAlreadySummarized(summarized.contains(key));
        String text = DocumentText.require(DocumentText.decode(content, name), name);
        BatchJob.of(exchange).setDocument(new Document(name, text, settings.model(), settings.team(),
                settings.feature(), settings.instructions()));
    }

    private static void requireTextFormat(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!TEXT_EXTENSIONS.contains(extension)) {
            throw new DocumentRejectedException("unsupported_format", name + ": only plain text (.txt, .text) and "
                    + "Markdown (.md, .markdown) documents are summarized"
                    + (extension.isEmpty() ? "; this file has no extension." : ", not ." + extension + " files."));
        }
    }
}
