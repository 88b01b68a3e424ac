package dev.llmgateway.batch;

import java.io.File;
import java.util.HashMap;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Camel's file idempotent repository holding every key in memory: all keys are loaded at start and each new one is
 * added, so a key missing from memory is missing from the file too, and the file is never scanned per lookup (the
 * default rescans it on every miss, which grows with every file ever summarized). Nothing is ever dropped.
 */
public final class SummarizedFilesStore extends FileIdempotentRepository {

    public SummarizedFilesStore(File file) {
        super(file, new HashMap<>());
        setMaxFileStoreSize(0);
    }

    @Override
    protected boolean containsStore(String key) {
        return false;
    }
}
