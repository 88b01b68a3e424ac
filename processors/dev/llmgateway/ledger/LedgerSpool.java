package dev.llmgateway.ledger;

import dev.llmgateway.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ledger entries kept on local disk while they cannot go to the database: append-only files of JSON lines
 * ({@code spool-<millis>-<n>.jsonl}, at most {@link #ENTRIES_PER_FILE} entries each), made durable by {@link #sync()}.
 * Replaying takes the files {@link #seal() sealed} so far; entries appended meanwhile go to a new file.
 */
final class LedgerSpool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSpool.class);
    static final int ENTRIES_PER_FILE = 10_000;
    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private FileChannel current;
    private int entriesInCurrent;
    private boolean unsynced;
    private long sequence;

    LedgerSpool(Path directory) {
        this.directory = directory;
        try {
            PrivateFiles.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the ledger spool directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Appends the entries; they are durable once {@link #sync()} returns. */
    synchronized void append(List<LedgerEntry> entries) throws IOException {
        for (LedgerEntry entry : entries) {
            if (current == null || entriesInCurrent >= ENTRIES_PER_FILE) {
                openNewFile();
            }
            ByteBuffer line = ByteBuffer.wrap((SpoolCodec.encode(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                current.write(line);
            }
            entriesInCurrent++;
            unsynced = true;
        }
    }

    /** Forces what was appended to the disk. */
    synchronized void sync() throws IOException {
        if (unsynced && current != null) {
            current.force(false);
            unsynced = false;
        }
    }

    synchronized boolean hasEntries() throws IOException {
        return current != null || !files().isEmpty();
    }

    /** Ends the file being appended to; @return every spool file, oldest first, none of which will grow any more */
    synchronized List<Path> seal() throws IOException {
        closeCurrent();
        return files();
    }

    /** @return the entries of a sealed file; a line cut short by a crash is logged and skipped */
    List<LedgerEntry> read(Path file) throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                entries.add(SpoolCodec.decode(lines.get(i)));
            } catch (RuntimeException e) {
                LOG.warn("Ledger spool {} line {} is not a whole record and is skipped: {}", file, i + 1, e.getMessage());
            }
        }
        return entries;
    }

    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public synchronized void close() throws IOException {
        closeCurrent();
    }

    private void openNewFile() throws IOException {
        closeCurrent();
        Path file = directory.resolve("%s%013d-%06d%s".formatted(PREFIX, System.currentTimeMillis(), sequence++, SUFFIX));
        current = PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        entriesInCurrent = 0;
        syncDirectory();
    }

    /** A new file's directory entry must be on disk too, or a crash could lose the whole file. */
    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            sync();
            current.close();
            current = null;
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().toList();
        }
    }
}
