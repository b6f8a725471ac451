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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
        return startLoading(random, warnings).await();
    }

    /**
     * {@link #loadOrGenerate} in two steps, so a starting daemon does other work while the stored identity's proof
     * of work is checked: the file is read and parsed here (a secret that does not parse, or has no private key, is
     * refused at once), the memory-hard hash runs on a thread of its own, and {@link Loading#await} returns the
     * identity once it has passed, or refuses it as {@link #loadOrGenerate} would. ZeroTier One checks it at every
     * start as well ({@code Identity::locallyValidate} in its {@code Node}): a tampered file is never used.
     */
    public Loading startLoading(SecureRandom random, Consumer<String> warnings)
            throws IOException, InvalidStoredIdentityException {
        Path secret = secretFile();
        if (Files.exists(secret)) {
            Identity id;
            try {
                id = Identity.fromString(Files.readString(secret, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException | IOException e) {
                throw invalid();
            }
            if (!id.hasPrivate()) throw invalid();
            FutureTask<Boolean> check = new FutureTask<>(() -> id.locallyValidate(new IdentityHasher()));
            Thread.ofPlatform().daemon().name("ztj-identity-check").start(check);
            return new Loading(id, check);
        }
        Identity id = Identity.generate(random);
        FileWriting.writeSecret(secret, id.toSecretString().getBytes(StandardCharsets.US_ASCII));
        FileWriting.writePublic(publicFile(), id.toPublicString().getBytes(StandardCharsets.US_ASCII));
        warnings.accept("WARNING: no " + secret + ": generated a new identity, " + id.address());
        return new Loading(id, null);
    }

    /** A stored identity being checked ({@link #startLoading}), or one just generated. */
    public final class Loading {
        private final Identity parsed;
        private final FutureTask<Boolean> check;

        private Loading(Identity parsed, FutureTask<Boolean> check) {
            this.parsed = parsed;
            this.check = check;
        }

        /**
         * The identity once its proof of work has passed (at once for one just generated); a stale
         * {@code identity.public} is then rewritten and {@code identity.secret} set to 0600.
         *
         * @throws InvalidStoredIdentityException when the check fails: the file is not to be used
         */
        public Identity await() throws IOException, InvalidStoredIdentityException {
            if (check == null) return parsed;
            boolean valid;
            try {
                valid = check.get();
            } catch (ExecutionException e) {
                valid = false; // the hash cannot fail on a parsed key; if it did, the identity is not usable
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while checking " + secretFile(), e);
            }
            if (!valid) throw invalid();
            chmodSecret(secretFile());
            Path pub = publicFile();
            if (Files.exists(pub)) {
                String onDisk = Files.readString(pub, StandardCharsets.US_ASCII);
                if (!onDisk.equals(parsed.toPublicString())) {
                    FileWriting.writePublic(pub, parsed.toPublicString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            return parsed;
        }
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
