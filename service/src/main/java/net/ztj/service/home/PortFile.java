package net.ztj.service.home;

import java.io.IOException;
import java.nio.file.Path;

/** {@code zerotier-one.port}: the primary port in decimal, no newline, written at every start, never deleted. */
public final class PortFile {
    private PortFile() {}

    public static void write(Path file, int port) throws IOException {
        StateFiles.writeIfChanged(file, Integer.toString(port));
    }
}
