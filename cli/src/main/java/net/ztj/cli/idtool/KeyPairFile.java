package net.ztj.cli.idtool;

import net.ztj.crypto.C25519;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A world signing key pair kept in a file as {@code <128 hex public>:<128 hex private>} (no newline, mode 0600). A
 * planet's owner keeps it to sign the next revision, which nodes accept only if signed with the key the revision
 * they hold names (spec 02 §10.3).
 *
 * @param created whether the pair was generated now and still has to be {@link #saveIfCreated saved}
 */
record KeyPairFile(Path path, String shownAs, C25519.KeyPair pair, boolean created) {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Reads the key pair at {@code path}, or generates a new one (not yet written) if no file is there.
     *
     * @throws InputError if the file exists but is unreadable, ill-formed or its halves do not match
     */
    static KeyPairFile loadOrGenerate(Path path, String shownAs, SecureRandom random) throws InputError {
        if (!Files.exists(path)) return new KeyPairFile(path, shownAs, C25519.generate(random), true);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            throw new InputError("cannot read key file " + shownAs);
        }
        String[] parts = text.split(":", -1);
        byte[] pub = parts.length == 2 ? WorldInputs.hexKey(parts[0]) : null;
        byte[] priv = parts.length == 2 ? WorldInputs.hexKey(parts[1]) : null;
        if (pub == null || priv == null) {
            throw new InputError("key file " + shownAs + " is not <128 hex public key>:<128 hex private key>");
        }
        if (!Arrays.equals(pub, C25519.publicFromPrivate(priv))) {
            throw new InputError("key file " + shownAs + ": the public key does not belong to the private key");
        }
        return new KeyPairFile(path, shownAs, new C25519.KeyPair(pub, priv), false);
    }

    /** Writes a newly generated pair (0600); does nothing for a pair read from its file. */
    void saveIfCreated() throws IOException {
        if (!created) return;
        String text = HEX.formatHex(pair.publicKey()) + ":" + HEX.formatHex(pair.privateKey());
        FileWriting.writeSecret(path, text.getBytes(StandardCharsets.US_ASCII));
    }
}
