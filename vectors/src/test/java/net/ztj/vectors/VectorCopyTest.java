package net.ztj.vectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's copy of the vectors must stay byte-identical to shared/vectors when that folder is beside it. */
class VectorCopyTest {
    @Test
    void copyEqualsSharedVectors() throws IOException {
        String shared = System.getProperty("ztj.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "vectors");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "shared/vectors not present beside the project: only the bundled copy is used");
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                assertTrue(Vectors.FILES.contains(name), "shared/vectors has " + name + " which the project does not copy");
            }
        }
        for (String name : Vectors.FILES) {
            Path p = dir.resolve(name);
            assertTrue(Files.exists(p), name + " is gone from shared/vectors");
            assertArrayEquals(Files.readAllBytes(p), Vectors.bytes(name), name + " differs from shared/vectors");
        }
    }
}
