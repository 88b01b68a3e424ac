package dev.llmgateway.store;

import java.nio.file.Path;

/**
 * The embedded database file is held by another process, a running gateway as a rule: H2 lets one process at a time
 * open it, and it has no network listener through which another could share it.
 */
public final class DatabaseInUseException extends StorageException {

    private final Path dataDir;

    DatabaseInUseException(Path dataDir, Throwable cause) {
        super("The embedded database under " + dataDir.toAbsolutePath() + " is in use by another process (a running "
                + "gateway?). Stop it, or give this gateway a storage.dataDir of its own.", cause);
        this.dataDir = dataDir;
    }

    /** @return storage.dataDir, where the database file is */
    public Path dataDir() {
        return dataDir;
    }
}
