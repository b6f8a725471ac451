package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Signature blocks and the 0x7f framing shared by capability, tag, COO and revocation (spec 03 §8.1). */
final class Signatures {
    static final int TYPE_C25519 = 1;
    static final int LENGTH = 96;
    private static final byte[] FRAME = {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f};

    private Signatures() {}

    /** An all-zero signature: what an unsigned credential carries. */
    static byte[] none() {
        return new byte[LENGTH];
    }

    /** {@code [type 1][length 2][signature]}, always type 1. */
    static void writeBlock(ByteWriter w, byte[] signature) {
        w.u8(TYPE_C25519).u16(LENGTH).bytes(signature);
    }

    /** Reads a block; a type other than 1 is skipped and yields an all-zero (absent) signature. */
    static byte[] readBlock(ByteReader r) {
        int type = r.u8();
        int len = r.u16();
        if (type != TYPE_C25519) {
            r.skip(len);
            return none();
        }
        if (len != LENGTH) throw new MalformedException("signature length " + len);
        return r.bytes(LENGTH);
    }

    /** Skips the additional-fields extension at the end of every credential. */
    static void skipExtension(ByteReader r) {
        r.skip(r.u16());
    }

    /** {@code 7f×8 || fieldsThenZeroExtension || 7f×8}: the caller writes its fields; this adds 0000 and frames. */
    static byte[] framed(Consumer<ByteWriter> fields) {
        ByteWriter w = new ByteWriter(256);
        w.bytes(FRAME);
        fields.accept(w);
        w.u16(0);
        w.bytes(FRAME);
        return w.toByteArray();
    }

    /** Checks signer == expected, then the signature under the signer's identity. */
    static Verification verify(Address signer, Address expected, byte[] message, byte[] signature, SignerLookup lookup) {
        if (signer.value() == 0 || !signer.equals(expected)) return Verification.INVALID;
        Optional<Identity> id = lookup.identity(signer);
        if (id.isEmpty()) return Verification.SIGNER_UNKNOWN;
        return id.get().verify(message, signature) ? Verification.VALID : Verification.INVALID;
    }

    /** Signs with {@code signer}, which must hold its private key. */
    static byte[] sign(Identity signer, byte[] message) {
        byte[] s = signer.sign(message);
        if (s.length != LENGTH) throw new IllegalStateException("signature of " + s.length + " bytes");
        return s;
    }

    /** Parses a whole array with {@code parser}, rejecting trailing bytes. */
    static <T> T parseExactly(byte[] b, Function<ByteReader, T> parser) {
        ByteReader r = new ByteReader(b);
        T t = parser.apply(r);
        if (r.hasRemaining()) throw new MalformedException(r.remaining() + " bytes after credential");
        return t;
    }
}
