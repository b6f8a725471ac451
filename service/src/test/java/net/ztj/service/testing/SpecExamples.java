package net.ztj.service.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The captured ZeroTier One 1.14.1 outputs kept under test resources {@code spec-examples/}. */
public final class SpecExamples {
    private SpecExamples() {}

    public static String text(String name) {
        try (InputStream in = SpecExamples.class.getResourceAsStream("/spec-examples/" + name)) {
            if (in == null) throw new IllegalArgumentException("no example " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
