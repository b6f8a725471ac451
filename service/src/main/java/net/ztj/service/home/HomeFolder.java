package net.ztj.service.home;

import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The home folder's location, creation and the start-up checks of spec 05 §2.2 that concern it. */
public final class HomeFolder {
    private final Path path;

    public HomeFolder(Path path) {
        this.path = path;
    }

    /**
     * Creates every missing component of the path, each mode 0755 whatever the umask.
     *
     * @throws IOException if a component cannot be created
     */
    public static HomeFolder create(Path path) throws IOException {
        FileWriting.createFolders(path);
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
                if (Files.exists(p)) FileWriting.setMode(p, FileWriting.SECRET_FILE);
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
