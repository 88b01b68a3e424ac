package dev.llmgateway.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The files summarized so far, kept in an idempotent repository that survives restarts: a file found in the inbox
 * again (the gateway stopped before moving it, or the same file was dropped twice) is not summarized twice.
 * A file is known by its name and content, so a changed document dropped under the same name is summarized anew.
 */
public class SummarizedFiles {

    private final IdempotentRepository repository;

    public SummarizedFiles(IdempotentRepository repository) {
        this.repository = repository;
    }

    /** @return the key of a file: SHA-256 of its name and content (hex, safe for a line-based store) */
    public static String key(String fileName, byte[] content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(fileName.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(content);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public boolean contains(String key) {
        return repository.contains(key);
    }

    /** Called once the summary is safely in the outbox. */
    public void remember(String key) {
        repository.add(key);
    }
}
