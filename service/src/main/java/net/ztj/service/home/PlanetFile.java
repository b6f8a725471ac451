package net.ztj.service.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code planet}: the binary world the node uses as its planet. Read at start; the planet in effect (the file's if it
 * was valid, else the built-in one) is written back, and again whenever the node accepts a newer one.
 */
public final class PlanetFile {
    private final Path file;

    public PlanetFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The file's bytes, if it exists and is readable. */
    public Optional<byte[]> read() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Writes the planet unless the file already holds exactly these bytes. */
    public void writeIfChanged(byte[] world) throws IOException {
        StateFiles.writeIfChanged(file, world);
    }
}
