package net.ztj.service.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes files whole or not at all (a temporary file renamed into place), and creates folders. Modes are set
 * explicitly, never left to the umask: files 0644, secrets 0600, folders 0755 (where the file system has POSIX
 * permissions).
 */
public final class FileWriting {
    /** rw-r--r--: state files, public identities, planets and moons. */
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** rw-------: identity.secret, tokens, key pairs. */
    public static final Set<PosixFilePermission> SECRET_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwxr-xr-x: the home folder and its subfolders. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileWriting() {}

    /** Writes a file readable by its owner only (0600). */
    public static void writeSecret(Path path, byte[] content) throws IOException {
        write(path, content, SECRET_FILE);
    }

    /** Writes a file readable by everyone, writable by its owner (0644). */
    public static void writePublic(Path path, byte[] content) throws IOException {
        write(path, content, PUBLIC_FILE);
    }

    private static void write(Path path, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = dir.resolve("." + abs.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            if (supportsPosix(dir)) {
                // created with at most the final mode (the umask may only take away), then set exactly
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
                Files.setPosixFilePermissions(tmp, mode);
            } else {
                Files.createFile(tmp);
            }
            Files.write(tmp, content);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create temporary file " + tmp, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code dir} and its missing parents, each created folder 0755; existing folders are left alone. */
    public static void createFolders(Path dir) throws IOException {
        createFolders(dir, FOLDER);
    }

    /** Creates {@code dir} and its missing parents with {@code mode}; existing folders are left alone. */
    public static void createFolders(Path dir, Set<PosixFilePermission> mode) throws IOException {
        Path abs = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) missing.addFirst(p);
        boolean posix = supportsPosix(abs);
        for (Path p : missing) {
            try {
                if (posix) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(mode));
                    Files.setPosixFilePermissions(p, mode);
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) throw e; // created meanwhile by someone else: keep theirs
            }
        }
    }

    /** Sets a file's mode where the file system has POSIX permissions. */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (supportsPosix(path)) Files.setPosixFilePermissions(path, mode);
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
