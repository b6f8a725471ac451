package net.ztj.service.home;

import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The node identity in the home folder: {@code identity.secret} (0600) and {@code identity.public}, loaded or, on
 * first start, generated (spec 05 §2.3 step 3).
 */
public final class IdentityStore {
    /** Thrown when the stored secret identity cannot be used; the daemon stops with this message. */
    public static final class InvalidStoredIdentityException extends Exception {
        public InvalidStoredIdentityException(String message) {
            super(message);
        }
    }

    private final Path home;

    public IdentityStore(Path home) {
        this.home = home;
    }

    public Path secretFile() {
        return home.resolve("identity.secret");
    }

    public Path publicFile() {
        return home.resolve("identity.public");
    }

    /**
     * Loads {@code identity.secret}, or generates and writes a new identity when there is none (as the reference
     * does; {@code warnings} then hears one line, since a node that loses its secret silently becomes another
     * node). A stale {@code identity.public} is rewritten; a missing one is left missing while the secret exists
     * (as the reference does).
     */
    public Identity loadOrGenerate(SecureRandom random, Consumer<String> warnings)
            throws IOException, InvalidStoredIdentityException {
        Path secret = secretFile();
        if (Files.exists(secret)) {
            Identity id;
            try {
                id = Identity.fromString(Files.readString(secret, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException | IOException e) {
                throw invalid();
            }
            if (!id.hasPrivate() || !id.locallyValidate(new IdentityHasher())) throw invalid();
            chmodSecret(secret);
            Path pub = publicFile();
            if (Files.exists(pub)) {
                String onDisk = Files.readString(pub, StandardCharsets.US_ASCII);
                if (!onDisk.equals(id.toPublicString())) {
                    FileWriting.writePublic(pub, id.toPublicString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            return id;
        }
        Identity id = Identity.generate(random);
        FileWriting.writeSecret(secret, id.toSecretString().getBytes(StandardCharsets.US_ASCII));
        FileWriting.writePublic(publicFile(), id.toPublicString().getBytes(StandardCharsets.US_ASCII));
        warnings.accept("WARNING: no " + secret + ": generated a new identity, " + id.address());
        return id;
    }

    private InvalidStoredIdentityException invalid() {
        return new InvalidStoredIdentityException("invalid identity loaded from disk. Please remove identity.public and "
                + "identity.secret from " + home + " and try again");
    }

    private static void chmodSecret(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
