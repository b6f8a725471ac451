package net.ztj.core.network.credentials;

import net.ztj.core.wire.MalformedException;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Hostile bytes to every credential parser: each either parses (and re-serializes) or throws MalformedException. */
class CredentialMalformedInputTest {
    private record Parser(String name, Function<byte[], Object> parse, Function<Object, byte[]> serialize,
                          byte[] valid) {}

    private static final List<Parser> PARSERS = List.of(
            new Parser("com", CertificateOfMembership::parse, o -> ((CertificateOfMembership) o).serialize(),
                    Vectors.hex(Vectors.json("networks_com.json").get("signed_serialized_hex"))),
            new Parser("capability", Capability::parse, o -> ((Capability) o).serialize(),
                    CredentialVectorsTest.capability().serialize()),
            new Parser("tag", Tag::parse, o -> ((Tag) o).serialize(), CredentialVectorsTest.tag().serialize()),
            new Parser("coo", CertificateOfOwnership::parse, o -> ((CertificateOfOwnership) o).serialize(),
                    CredentialVectorsTest.coo().serialize()),
            new Parser("revocation", Revocation::parse, o -> ((Revocation) o).serialize(),
                    CredentialVectorsTest.revocation().serialize()),
            new Parser("payload", NetworkCredentialsPayload::decode, o -> ((NetworkCredentialsPayload) o).encode(),
                    new NetworkCredentialsPayload(List.of(CertificateOfMembership.parse(Vectors.hex(
                            Vectors.json("networks_com.json").get("signed_serialized_hex")))),
                            List.of(CredentialVectorsTest.capability()), List.of(CredentialVectorsTest.tag()),
                            List.of(CredentialVectorsTest.revocation()), List.of(CredentialVectorsTest.coo()))
                            .encode()));

    private static void parseOrMalformed(Parser p, byte[] b) {
        try {
            Object o = p.parse.apply(b);
            Object again = p.parse.apply(p.serialize.apply(o));
            if (!o.equals(again)) fail(p.name + " does not round-trip " + Vectors.toHex(b));
        } catch (MalformedException expected) {
            // the only allowed failure
        } catch (RuntimeException e) {
            fail(p.name + ": unexpected " + e + " for " + Vectors.toHex(b), e);
        }
    }

    @Test
    void validInputsRoundTripExactly() {
        for (Parser p : PARSERS) assertArrayEquals(p.valid, p.serialize.apply(p.parse.apply(p.valid)), p.name);
    }

    @Test
    void everyTruncationIsMalformed() {
        for (Parser p : PARSERS) {
            if (p.name.equals("payload")) continue; // sections after the COM list are optional
            for (int len = 0; len < p.valid.length; len++) {
                byte[] b = Arrays.copyOf(p.valid, len);
                assertThrows(MalformedException.class, () -> p.parse.apply(b), p.name + " length " + len);
            }
        }
        for (int len = 0; len < 273; len++) {
            byte[] b = Arrays.copyOf(PARSERS.getLast().valid, len);
            assertThrows(MalformedException.class, () -> NetworkCredentialsPayload.decode(b), "payload " + len);
        }
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(1);
        for (Parser p : PARSERS) {
            for (int i = 0; i < 3000; i++) {
                byte[] b = new byte[rnd.nextInt(400)];
                rnd.nextBytes(b);
                if (i % 3 == 0 && b.length > 0) b[0] = 1; // look like a COM to reach deeper code
                parseOrMalformed(p, b);
            }
        }
    }

    @Test
    void randomMutationsOfValidInputs() {
        Random rnd = new Random(2);
        for (Parser p : PARSERS) {
            for (int i = 0; i < 5000; i++) {
                byte[] b = p.valid.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextInt(4) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length + 8));
                parseOrMalformed(p, b);
            }
        }
    }
}
