package net.ztj.service.home;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** The home folder's location, creation and the start-up checks of spec 05 §2.2 that concern it. */
public final class HomeFolder {
    private final Path path;

    public HomeFolder(Path path) {
        this.path = path;
    }

    /**
     * Creates every missing component of the path (mode 0755 before the umask).
     *
     * @throws IOException if a component cannot be created
     */
    public static HomeFolder create(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } else {
                Files.createDirectories(path);
            }
        }
        return new HomeFolder(path);
    }

    public Path path() {
        return path;
    }

    /** A file in the home folder. */
    public Path file(String name) {
        return path.resolve(name);
    }

    /** Step 4: the existing secrets are made readable by their owner only. */
    public void chmodSecrets() {
        for (String name : new String[] {"identity.secret", "authtoken.secret"}) {
            Path p = file(name);
            try {
                if (Files.exists(p) && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | SecurityException e) {
                // the reference ignores a failed chmod as well
            }
        }
    }

    /** Step 5: an old controller database the service refuses to start with. */
    public boolean hasLegacyControllerDb() {
        return Files.exists(file("controller.db"));
    }

    /** Service step 8: the legacy {@code iddb.d} directory is deleted if present. */
    public void deleteLegacyIddb() {
        Path dir = file("iddb.d");
        if (!Files.isDirectory(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // left behind, as the reference would
        }
    }
}
