package net.ztj.service.home;

import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writing small state files only when their content changes (spec 05 §3.2). */
final class StateFiles {
    private StateFiles() {}

    static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file)) {
            try {
                if (Arrays.equals(Files.readAllBytes(file), content)) return;
            } catch (IOException e) {
                // rewrite it
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) FileWriting.createFolders(dir);
        FileWriting.writePublic(file, content);
    }

    static void writeIfChanged(Path file, String content) throws IOException {
        writeIfChanged(file, content.getBytes(StandardCharsets.US_ASCII));
    }
}
