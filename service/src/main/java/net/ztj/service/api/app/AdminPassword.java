package net.ztj.service.api.app;

import net.ztj.service.files.FileWriting;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The web UI's admin password, kept as an Argon2id hash (Bouncy Castle) in a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, the parameters OWASP recommends) in a file readable by its
 * owner only. The password itself is never stored. A file that cannot be parsed counts as no password.
 */
public final class AdminPassword {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Longer passwords are refused rather than hashed: hashing costs the same whatever the length, reading does not. */
    public static final int MAX_LENGTH = 1024;
    public static final int MIN_LENGTH = 8;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** A parsed PHC string. */
    record Hash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        String text() {
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                    + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        }

        static Optional<Hash> parse(String text) {
            String[] f = text.strip().split("\\$", -1);
            if (f.length != 6 || !f[0].isEmpty() || !f[1].equals("argon2id") || !f[2].equals("v=19")) return Optional.empty();
            String[] p = f[3].split(",", -1);
            if (p.length != 3 || !p[0].startsWith("m=") || !p[1].startsWith("t=") || !p[2].startsWith("p=")) {
                return Optional.empty();
            }
            try {
                int m = Integer.parseInt(p[0].substring(2)), t = Integer.parseInt(p[1].substring(2));
                int par = Integer.parseInt(p[2].substring(2));
                // bounds keep a planted file from making each log-in attempt cost minutes or gigabytes
                if (m < 8 || m > 1 << 20 || t < 1 || t > 16 || par < 1 || par > 16) return Optional.empty();
                byte[] salt = B64D.decode(f[4]), hash = B64D.decode(f[5]);
                if (salt.length < 8 || hash.length < 16) return Optional.empty();
                return Optional.of(new Hash(m, t, par, salt, hash));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final Path file;
    private volatile Optional<Hash> current;

    private AdminPassword(Path file, Optional<Hash> current) {
        this.file = file;
        this.current = current;
    }

    /** The password kept in {@code file}; none when the file is missing or unreadable as a hash. */
    public static AdminPassword load(Path file) throws IOException {
        try {
            return new AdminPassword(file, Hash.parse(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return new AdminPassword(file, Optional.empty());
        }
    }

    public boolean isSet() {
        return current.isPresent();
    }

    /** Whether {@code password} is the admin password (false when none is set). */
    public boolean matches(String password) {
        Optional<Hash> h = current;
        if (h.isEmpty() || password.length() > MAX_LENGTH) return false;
        Hash stored = h.get();
        byte[] computed = derive(password, stored.salt(), stored.memoryKib(), stored.iterations(), stored.parallelism(),
                stored.hash().length);
        return MessageDigest.isEqual(computed, stored.hash());
    }

    /**
     * Sets a new password: hashed with a fresh salt and written (0600) before it takes effect.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} or longer than
     *                                  {@value #MAX_LENGTH} characters
     */
    public void set(String password, RandomGenerator random) throws IOException {
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the password has more than " + MAX_LENGTH + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Hash h = new Hash(MEMORY_KIB, ITERATIONS, PARALLELISM, salt,
                derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
        FileWriting.writeSecret(file, (h.text() + "\n").getBytes(StandardCharsets.US_ASCII));
        current = Optional.of(h);
    }

    static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
