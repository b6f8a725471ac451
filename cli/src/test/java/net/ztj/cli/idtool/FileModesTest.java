package net.ztj.cli.idtool;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.testing.Umask;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the idtool writes has its mode set, not left to the umask: under umask 000, secrets 0600, the rest 0644. */
class FileModesTest {
    private static final JsonNode IDS = Vectors.json("identities.json").get("valid");

    @TempDir
    Path dir;

    private String mode(String file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)));
    }

    @Test
    void underUmask000() throws Exception {
        IdToolRunner tool = new IdToolRunner(dir, 1_700_000_000_000L);
        Umask.with(0, () -> {
            assertEquals(0, tool.run("generate", "id.secret", "id.public").rc());
            assertEquals(0, tool.run("genplanet", "planet", IDS.get(0).get("public").asText() + "@10.0.0.1/9993").rc());
        });
        assertEquals("rw-------", mode("id.secret"));
        assertEquals("rw-r--r--", mode("id.public"));
        assertEquals("rw-r--r--", mode("planet"));
        assertEquals("rw-------", mode("planet.signing-key.secret"));
    }
}
