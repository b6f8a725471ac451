package net.ztj.core.network.credentials;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target for the credentials a peer or controller sends: the first input byte chooses COM, Capability,
 * Tag, CertificateOfOwnership, Revocation or a whole NETWORK_CREDENTIALS payload, the rest is its binary form. A
 * credential either parses or is refused with {@link MalformedException}; one that parses serializes to bytes that
 * parse back equal and serialize the same. (Not to the bytes it was read from: reserved words and extension
 * blocks are read and skipped and written as zero, as in 1.14.) Corpus replayed in the normal build;
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class CredentialsFuzzTest {
    private record Codec<T>(Function<byte[], T> parse, Function<T, byte[]> serialize) {
        void check(byte[] b) {
            T t;
            try {
                t = parse.apply(b);
            } catch (MalformedException refused) {
                return;
            }
            byte[] bytes = serialize.apply(t);
            T again = parse.apply(bytes);
            assertEquals(t, again);
            assertArrayEquals(bytes, serialize.apply(again));
            t.toString();
        }
    }

    private static final Codec<?>[] CODECS = {
        new Codec<>(CertificateOfMembership::parse, CertificateOfMembership::serialize),
        new Codec<>(Capability::parse, Capability::serialize),
        new Codec<>(Tag::parse, Tag::serialize),
        new Codec<>(CertificateOfOwnership::parse, CertificateOfOwnership::serialize),
        new Codec<>(Revocation::parse, Revocation::serialize),
    };

    @FuzzTest
    void parse(byte[] input) {
        if (input.length == 0) return;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        int which = (input[0] & 0xff) % (CODECS.length + 1);
        if (which < CODECS.length) {
            CODECS[which].check(body);
            return;
        }
        try {
            NetworkCredentialsPayload.decode(body);
        } catch (MalformedException refused) {
            // dropped
        }
    }
}
