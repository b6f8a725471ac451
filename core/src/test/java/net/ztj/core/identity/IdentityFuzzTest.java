package net.ztj.core.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target for identity text (identity.public/identity.secret files, the CLI, the controller): it parses or is
 * refused with {@link IllegalArgumentException}; a parsed identity prints to a text that parses back equal, with
 * the same secret. Proof of work is not checked here (it is a validation, not a decoding step, and slow). Corpus
 * replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class IdentityFuzzTest {
    @FuzzTest
    void fromString(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Identity id;
        try {
            id = Identity.fromString(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        Identity again = Identity.fromString(id.hasPrivate() ? id.toSecretString() : id.toPublicString());
        assertEquals(id, again);
        assertEquals(id.toPublicString(), again.toPublicString());
        assertEquals(id.hasPrivate(), again.hasPrivate());
        if (id.hasPrivate()) assertEquals(id.toSecretString(), again.toSecretString());
        byte[] binary = id.toBytes(id.hasPrivate());
        assertEquals(id, Identity.fromBytes(binary, 0, binary.length));
        id.keyPairMismatches();
    }
}
