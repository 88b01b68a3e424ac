package dev.llmgateway.cache;

/** A cache store could not do what was asked; the cache counts it and treats the request as a miss. */
public class CacheStoreException extends RuntimeException {

    public CacheStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
