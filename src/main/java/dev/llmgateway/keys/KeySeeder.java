package dev.llmgateway.keys;

import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the key store at start: the keys listed in the configuration, and, when the store is still empty, one key
 * for team {@code default} written to a file only the owner can read (never to the log), so a fresh install can
 * be called at once.
 */
public final class KeySeeder {

    private static final Logger LOG = LoggerFactory.getLogger(KeySeeder.class);
    static final String INITIAL_KEY_FILE = "initial-api-key";

    private KeySeeder() {
    }

    public static void seed(ApiKeys keys, AuthSettings auth, Path dataDir) {
        for (AuthSettings.SeedKey key : auth.keys()) {
            if (keys.seed(key.key(), key.team(), key.name(), key.feature())) {
                LOG.info("Stored the configured API key '{}' of team {}.", key.name(), key.team());
            }
        }
        if (keys.isEmpty()) {
            ApiKeys.Created created = keys.create("default", "initial key", null);
            Path file = writeOwnerOnly(dataDir.resolve(INITIAL_KEY_FILE), created.secret());
            LOG.warn("No API keys existed: created {} for team default; the key is in {}. Create your teams' keys "
                    + "with `bin/gateway keys create` or POST /admin/keys, then revoke this one.", created.key().id(),
                    file.toAbsolutePath());
        }
    }

    private static Path writeOwnerOnly(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            PrivateFiles.createFile(file);
            Files.writeString(file, content + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial API key to " + file, e);
        }
    }
}
