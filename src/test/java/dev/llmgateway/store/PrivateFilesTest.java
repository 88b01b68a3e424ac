package dev.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cache.EmbeddedCacheDatabase;
import dev.llmgateway.testing.CapturedLogs;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;

/** The embedded store's files are the owner's only: created that way, and tightened at start when found open. */
class PrivateFilesTest {

    private static final Set<PosixFilePermission> OPEN_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> OPEN_FILE = PosixFilePermissions.fromString("rw-r--r--");

    static Set<PosixFilePermission> permissions(Path path) throws IOException {
        return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return every path under the directory (itself included) that group or others have any permission on */
    static List<String> openToOthers(Path directory) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = permissions(path);
                if (!PrivateFiles.DIRECTORY.containsAll(permissions)) {
                    open.add(path + " " + PosixFilePermissions.toString(permissions));
                }
            }
        }
        return open;
    }

    private static List<LogEvent> warnings(CapturedLogs logs) {
        return logs.events().stream().filter(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().equals(PrivateFiles.class.getName())).toList();
    }

    private static Path openDirectory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(directory, OPEN_DIRECTORY);
        return directory;
    }

    @Test
    void aMissingDirectoryAndItsMissingParentsAreCreatedOwnerOnly() throws Exception {
        Path root = Files.createTempDirectory("llmgw-private-");
        Path directory = root.resolve("var/lib/gateway");

        PrivateFiles.secure(directory, "storage.dataDir");

        assertThat(permissions(directory)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(directory.getParent())).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(root.resolve("var"))).isEqualTo(PrivateFiles.DIRECTORY);
    }

    @Test
    void anOpenDirectoryAndWhatIsInItAreMadePrivateWithOneWarning() throws Exception {
        Path directory = openDirectory("llmgw-open-");
        Path file = Files.writeString(directory.resolve("gateway.mv.db"), "prompts and answers");
        Files.setPosixFilePermissions(file, OPEN_FILE);
        Path spool = Files.createDirectories(directory.resolve("ledger-spool"));
        Files.setPosixFilePermissions(spool, OPEN_DIRECTORY);
        Path spooled = Files.writeString(spool.resolve("spool-1.jsonl"), "{}");
        Files.setPosixFilePermissions(spooled, PosixFilePermissions.fromString("rwxrw-rw-"));

        try (CapturedLogs logs = CapturedLogs.start()) {
            PrivateFiles.secure(directory, "storage.dataDir");

            assertThat(warnings(logs)).hasSize(1);
            assertThat(warnings(logs).get(0).getMessage().getFormattedMessage())
                    .contains("storage.dataDir " + directory.toAbsolutePath() + " was open to other users")
                    .contains(file + " (was rw-r--r--)").contains(spooled.toString())
                    .contains("made private");
        }
        assertThat(permissions(directory)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(spool)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(file)).isEqualTo(PrivateFiles.FILE);
        assertThat(permissions(spooled)).as("the owner's own bits are kept")
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(file)).isEqualTo("prompts and answers");

        try (CapturedLogs logs = CapturedLogs.start()) {
            PrivateFiles.secure(directory, "storage.dataDir");
            assertThat(warnings(logs)).as("nothing left to tighten, nothing to say").isEmpty();
        }
    }

    @Test
    void linksAreNotFollowedOutOfTheDirectory() throws Exception {
        Path elsewhere = Files.writeString(Files.createTempDirectory("llmgw-elsewhere-").resolve("shared.txt"), "x");
        Files.setPosixFilePermissions(elsewhere, OPEN_FILE);
        Path directory = Files.createTempDirectory("llmgw-links-");
        Files.createSymbolicLink(directory.resolve("link"), elsewhere);

        PrivateFiles.secure(directory, "storage.dataDir");

        assertThat(permissions(elsewhere)).isEqualTo(OPEN_FILE);
    }

    @Test
    void aDirectorySharedByEveryUserIsLeftAlone() throws Exception {
        Path shared = openDirectory("llmgw-sticky-");
        Files.setAttribute(shared, "unix:mode", 01777);

        try (CapturedLogs logs = CapturedLogs.start()) {
            PrivateFiles.secure(shared, "storage.dataDir");
            assertThat(warnings(logs)).singleElement().satisfies(e -> assertThat(e.getMessage().getFormattedMessage())
                    .contains("shared by every user").contains("directory of its own"));
        }
        assertThat((int) Files.getAttribute(shared, "unix:mode") & 07777).isEqualTo(01777);
    }

    @Test
    void filesTheGatewayCreatesAreOwnerOnly() throws Exception {
        Path directory = Files.createTempDirectory("llmgw-create-");
        Path created = PrivateFiles.createFile(directory.resolve("state/summarized-files.txt"));
        try (FileChannel channel = PrivateFiles.open(directory.resolve("spool.jsonl"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.force(false);
        }
        try (OutputStream out = PrivateFiles.newOutputStream(directory.resolve("p1.hnsw.partial"))) {
            out.write(1);
        }

        assertThat(permissions(created.getParent())).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(created)).isEqualTo(PrivateFiles.FILE);
        assertThat(permissions(directory.resolve("spool.jsonl"))).isEqualTo(PrivateFiles.FILE);
        assertThat(permissions(directory.resolve("p1.hnsw.partial"))).isEqualTo(PrivateFiles.FILE);
    }

    @Test
    void theEmbeddedDatabaseIsCreatedPrivate() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-fresh-db-").resolve("data");

        try (Database database = Database.open(new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(),
                null))) {
            assertThat(permissions(dataDir)).isEqualTo(PrivateFiles.DIRECTORY);
            assertThat(permissions(dataDir.resolve("gateway.mv.db"))).isEqualTo(PrivateFiles.FILE);
        }
        assertThat(openToOthers(dataDir)).isEmpty();
    }

    @Test
    void anEmbeddedDatabaseFoundOpenIsMadePrivateAtStart() throws Exception {
        Path dataDir = openDirectory("llmgw-open-db-");
        StorageSettings settings = new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(), null);
        Database.open(settings).close();
        Files.setPosixFilePermissions(dataDir, OPEN_DIRECTORY);
        Files.setPosixFilePermissions(dataDir.resolve("gateway.mv.db"), OPEN_FILE);

        try (CapturedLogs logs = CapturedLogs.start(); Database database = Database.open(settings)) {
            assertThat(warnings(logs)).singleElement().satisfies(e -> assertThat(e.getMessage().getFormattedMessage())
                    .contains(dataDir.resolve("gateway.mv.db") + " (was rw-r--r--)").contains("made private"));
        }
        assertThat(permissions(dataDir)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(dataDir.resolve("gateway.mv.db"))).isEqualTo(PrivateFiles.FILE);
    }

    @Test
    void theSemanticCachesDatabaseIsCreatedPrivate() throws Exception {
        Path directory = Files.createTempDirectory("llmgw-cache-db-").resolve("cache");

        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        dataSource.close();

        assertThat(permissions(directory)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(permissions(directory.resolve("semantic-cache.mv.db"))).isEqualTo(PrivateFiles.FILE);
        assertThat(openToOthers(directory)).isEmpty();
    }
}
