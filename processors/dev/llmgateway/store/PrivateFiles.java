package dev.llmgateway.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's local data (the embedded databases, the ledger's spool, the cache's saved graphs, batch state) is
 * for the user the gateway runs as only: directories 0700, files 0600. On a file system without POSIX permissions
 * every method here does what it can without them and raises no error.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int STICKY = 01000;
    private static final int MAX_PATHS_LOGGED = 5;

    private PrivateFiles() {
    }

    /**
     * Makes a data directory private at start: creates it (0700) when missing, and takes every permission of group
     * and others off it and off everything under it (symbolic links are not followed), with one WARN line naming
     * what was open. A directory shared by design (sticky bit, like /tmp) is left alone, with a WARN line.
     *
     * @param directory the directory
     * @param setting   the setting that names it, for the log ("storage.dataDir")
     */
    public static void secure(Path directory, String setting) {
        try {
            createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + setting + " " + directory.toAbsolutePath(), e);
        }
        if (!isPosix(directory)) {
            return;
        }
        if (isShared(directory)) {
            LOG.warn("{} is {}, a directory shared by every user (sticky bit): its permissions are left as they are. "
                    + "Give the gateway a directory of its own.", setting, directory.toAbsolutePath());
            return;
        }
        List<String> opened = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            // the directory itself may be a link (data -> /srv/gateway-data); links under it are not followed
            Files.walkFileTree(directory.toRealPath(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    tighten(dir, opened, failed);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!attributes.isSymbolicLink()) {
                        tighten(file, opened, failed);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        failed.add(file + " (" + e + ")");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failed.add(directory + " (" + e + ")");
        }
        if (!opened.isEmpty()) {
            LOG.warn("{} {} was open to other users: {}; made private (owner only: directories 0700, files 0600).",
                    setting, directory.toAbsolutePath(), listed(opened));
        }
        if (!failed.isEmpty()) {
            LOG.warn("{} {}: could not make private: {}. Give these paths to the user the gateway runs as, or "
                    + "remove them.", setting, directory.toAbsolutePath(), listed(failed));
        }
    }

    /** Creates the directory and any missing parent, each 0700; existing ones are left as they are. */
    public static Path createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && isPosix(existing)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
        return directory;
    }

    /** Creates the file empty and owner-only when it does not exist yet (and its directory, 0700). */
    public static Path createFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        createDirectories(parent);
        try {
            Files.createFile(file, attributes(parent));
        } catch (FileAlreadyExistsException exists) {
            // kept as it is: secure() checks existing files at start
        }
        return file;
    }

    /**
     * Opens a file channel; a file it creates is owner-only (0600). The options are those of
     * {@link FileChannel#open(Path, OpenOption...)}.
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), attributes(file.toAbsolutePath().getParent()));
    }

    /** Like {@link Files#newOutputStream(Path, OpenOption...)} without options (create or truncate), owner-only. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        FileChannel channel = open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        makePrivate(file);
        return Channels.newOutputStream(channel);
    }

    /**
     * Quietly takes group's and others' permissions off the files in the directory whose names start with the
     * prefix: for files another program creates there (H2's database, trace and temporary files).
     */
    public static void makePrivate(Path directory, String namePrefix) {
        if (!Files.isDirectory(directory) || !isPosix(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, namePrefix + "*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    makePrivate(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot make the files {}* in {} private: {}", namePrefix, directory.toAbsolutePath(), e.toString());
        }
    }

    /** Quietly takes group's and others' permissions off a file or directory (not a symbolic link). */
    public static void makePrivate(Path path) {
        try {
            withoutOthers(path);
        } catch (NoSuchFileException gone) {
            // a temporary file H2 has deleted meanwhile
        } catch (UnsupportedOperationException notPosix) {
            // no permissions to take off
        } catch (IOException e) {
            LOG.warn("Cannot make {} private: {}", path.toAbsolutePath(), e.toString());
        }
    }

    /**
     * Takes group's and others' permissions off the path, unless it is a symbolic link. By the path (chmod), never
     * through a descriptor of the file: closing any descriptor of a file releases every POSIX lock the process holds
     * on it, H2's lock on its open database included (what the JDK's NOFOLLOW_LINKS variant does: open, fchmod,
     * close).
     *
     * @return the permissions it had, when they changed; null when there was nothing to take off
     */
    private static String withoutOthers(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return null;
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        String before = PosixFilePermissions.toString(permissions);
        if (!permissions.removeAll(OTHERS)) {
            return null;
        }
        Files.setPosixFilePermissions(path, permissions);
        return before;
    }

    /** @return the attributes a new file in the directory is created with: owner-only where POSIX, none elsewhere */
    private static FileAttribute<?>[] attributes(Path directory) {
        return directory != null && isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    private static void tighten(Path path, List<String> opened, List<String> failed) {
        try {
            String before = withoutOthers(path);
            if (before != null) {
                opened.add(path + " (was " + before + ")");
            }
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        } catch (IOException | UnsupportedOperationException e) {
            failed.add(path + " (" + e + ")");
        }
    }

    private static boolean isPosix(Path path) {
        try {
            return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isShared(Path directory) {
        try {
            Object mode = Files.getAttribute(directory, "unix:mode");
            return mode instanceof Integer bits && (bits & STICKY) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String listed(List<String> paths) {
        String shown = String.join(", ", paths.subList(0, Math.min(paths.size(), MAX_PATHS_LOGGED)));
        return paths.size() <= MAX_PATHS_LOGGED ? shown : shown + " and " + (paths.size() - MAX_PATHS_LOGGED) + " more";
    }
}
