package dev.llmgateway.store;

/** The database could not be opened, migrated or used; the message says which and what to check. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
