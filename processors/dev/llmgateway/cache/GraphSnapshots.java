package dev.llmgateway.cache;

import dev.llmgateway.store.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's partition graphs saved at shutdown, one file per partition, so that a restart adopts them
 * instead of rebuilding (at a million entries a rebuild takes an hour of one core). A file may be older than the
 * entries (after a crash): the store reconciles it with the table, so a stale or missing file only costs time.
 */
final class GraphSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSnapshots.class);
    private static final String SUFFIX = ".hnsw";

    private final Path directory;

    GraphSnapshots(Path directory) {
        this.directory = directory;
    }

    /** @return the partition's saved graph, or empty when there is none or it cannot be read (then it is rebuilt) */
    Optional<PartitionIndex.Saved> read(String partition) {
        Path file = file(partition);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return Optional.of(PartitionIndex.Saved.read(in));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Semantic cache: the saved search graph {} cannot be read ({}); building it again", file, e.toString());
            return Optional.empty();
        }
    }

    /** Replaces the partition's file in one step, so a crash while writing leaves the previous one. */
    void write(String partition, PartitionIndex index) throws IOException {
        PrivateFiles.createDirectories(directory);
        Path file = file(partition);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(PrivateFiles.newOutputStream(partial), 1 << 16)) {
            index.save(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the files of partitions that no longer exist. */
    void keepOnly(Set<String> partitions) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX) || !partitions.contains(name.substring(0, name.length() - SUFFIX.length()))) {
                    Files.delete(file);
                }
            }
        }
    }

    private Path file(String partition) {
        return directory.resolve(partition + SUFFIX);
    }
}
