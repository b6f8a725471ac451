package net.ztj.service.home;

import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * {@code authtoken.secret} and {@code metricstoken.secret} (spec 05 §2.3 steps 1–2): read if readable, otherwise
 * created with 24 characters of {@code [a-z0-9]}, no newline, mode 0600. A file that holds no token (empty or only
 * blanks) is replaced in the same way: ZeroTier One 1.14 would accept the empty token, we never do.
 */
public final class TokenFile {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Length of a generated token. */
    public static final int LENGTH = 24;

    private TokenFile() {}

    /**
     * The token in the file, trimmed of leading and trailing space, tab, CR, LF and NUL; a new token if the file
     * cannot be read or holds no token (then {@code warnings} hears one line about it).
     *
     * @param random a strong random source
     * @throws IOException if a new token cannot be written
     */
    public static String readOrCreate(Path file, RandomGenerator random, Consumer<String> warnings) throws IOException {
        String stored;
        try {
            stored = trim(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return create(file, random);
        }
        if (!stored.isEmpty()) return stored;
        String token = create(file, random);
        warnings.accept("WARNING: " + file + " held no token; it now holds a new one");
        return token;
    }

    private static String create(Path file, RandomGenerator random) throws IOException {
        String token = generate(random);
        FileWriting.writeSecret(file, token.getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    /** 24 characters, each a random byte modulo 36 indexing {@code a-z0-9}, as the reference makes them. */
    public static String generate(RandomGenerator random) {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) sb.append(ALPHABET.charAt((random.nextInt() & 0xff) % ALPHABET.length()));
        return sb.toString();
    }

    static String trim(String s) {
        int start = 0, end = s.length();
        while (start < end && blank(s.charAt(start))) start++;
        while (end > start && blank(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
    }
}
