package dev.llmgateway.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file trigger's folders, as absolute paths.
 *
 * @param inbox  documents are dropped here
 * @param outbox summaries are written here
 * @param done   originals move here once summarized
 * @param error  originals that could not be summarized move here, each with NAME.error.txt
 */
public record BatchFolders(Path inbox, Path outbox, Path done, Path error) {

    public static BatchFolders of(BatchSettings.Files files) {
        return new BatchFolders(absolute(files.inbox()), absolute(files.outbox()), absolute(files.done()),
                absolute(files.error()));
    }

    /** Creates the folders that do not exist yet. */
    public BatchFolders create() throws IOException {
        for (Path folder : new Path[] {inbox, outbox, done, error}) {
            Files.createDirectories(folder);
        }
        return this;
    }

    private static Path absolute(String folder) {
        return Path.of(folder).toAbsolutePath().normalize();
    }
}
