package net.ztj.core.world;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import net.ztj.crypto.C25519;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A planet or moon: a signed, timestamped list of up to four root servers with their stable endpoints
 * (spec 02 §10). Immutable. Nodes exchange worlds in OK(HELLO) and keep them in their home folder; a newer
 * revision replaces the held one only under the rule of {@link WorldUpdates}.
 *
 * <p>A world read from bytes keeps its canonical form, which is what ZeroTier One re-serializes and therefore what
 * signatures cover: identities without private keys, an absent or reserved-type endpoint as the single byte 0,
 * and a moon's extension field as an empty one. Such placeholder endpoints are left out of {@link #roots()}.
 */
public final class World {
    /** At most this many roots (ZT_WORLD_MAX_ROOTS). */
    public static final int MAX_ROOTS = 4;
    /** At most this many stable endpoints per root. */
    public static final int MAX_STABLE_ENDPOINTS_PER_ROOT = 32;
    /** Bytes of the public key that must sign the next revision. */
    public static final int UPDATE_KEY_BYTES = C25519.PUBLIC_KEY_BYTES;
    /** Bytes of the signature. */
    public static final int SIGNATURE_BYTES = C25519.SIGNATURE_BYTES;

    // Offsets of spec 02 §10.1; the roots section starts at 177.
    private static final int HEADER_BYTES = 1 + 8 + 8 + UPDATE_KEY_BYTES;
    private static final int ROOTS_OFFSET = HEADER_BYTES + SIGNATURE_BYTES;
    // Framing of the signing message (spec 02 §10.2).
    private static final byte SIGNING_PREFIX = 0x7f;
    private static final byte SIGNING_SUFFIX = (byte) 0xf7;
    private static final int SIGNING_MARKER_BYTES = 8;
    // The most a root takes in canonical form: identity, endpoint count, 32 IPv6 endpoints. Writers are sized up
    // front so they never grow.
    private static final int MAX_ROOT_BYTES = Identity.PUBLIC_BINARY_LENGTH + 1 + MAX_STABLE_ENDPOINTS_PER_ROOT * 19;

    /**
     * One root server: its identity (public part only) and the endpoints where it can be reached.
     *
     * @param stableEndpoints at most {@link #MAX_STABLE_ENDPOINTS_PER_ROOT}, in wire order
     */
    public record Root(Identity identity, List<Endpoint> stableEndpoints) {
        /** @throws IllegalArgumentException for more than 32 endpoints */
        public Root {
            identity = identity.publicOnly();
            stableEndpoints = List.copyOf(stableEndpoints);
            if (stableEndpoints.size() > MAX_STABLE_ENDPOINTS_PER_ROOT) {
                throw new IllegalArgumentException("a root has at most " + MAX_STABLE_ENDPOINTS_PER_ROOT + " stable endpoints");
            }
        }
    }

    private final WorldType type;
    private final long id;
    private final long timestamp;
    private final byte[] updatesMustBeSignedBy;
    private final byte[] signature;
    private final List<Root> roots;
    private final byte[] rootsSection; // canonical bytes from the root count to the end (moons: with the empty extension)
    private final int wireLength;

    private World(WorldType type, long id, long timestamp, byte[] updatesMustBeSignedBy, byte[] signature,
                  List<Root> roots, byte[] rootsSection, int wireLength) {
        this.type = type;
        this.id = id;
        this.timestamp = timestamp;
        this.updatesMustBeSignedBy = updatesMustBeSignedBy;
        this.signature = signature;
        this.roots = roots;
        this.rootsSection = rootsSection;
        this.wireLength = wireLength;
    }

    /**
     * Builds and signs a world.
     *
     * @param timestamp             the revision, milliseconds since the epoch; a newer revision must be larger
     * @param updatesMustBeSignedBy the 64-byte public key whose private half must sign the next revision
     * @param signerPrivateKey      the 64-byte private key: that of the previous revision's
     *                              {@code updatesMustBeSignedBy}, or any key for a first revision
     * @throws IllegalArgumentException for more than 4 roots or wrong key lengths
     */
    public static World sign(WorldType type, long id, long timestamp, byte[] updatesMustBeSignedBy, List<Root> roots,
                             byte[] signerPrivateKey) {
        if (updatesMustBeSignedBy.length != UPDATE_KEY_BYTES) throw new IllegalArgumentException("update key is not 64 bytes");
        if (signerPrivateKey.length != C25519.PRIVATE_KEY_BYTES) throw new IllegalArgumentException("private key is not 64 bytes");
        if (roots.size() > MAX_ROOTS) throw new IllegalArgumentException("a world has at most " + MAX_ROOTS + " roots");
        List<Root> copy = List.copyOf(roots);
        int length = 1 + (type == WorldType.MOON ? 2 : 0);
        for (Root r : copy) {
            length += Identity.PUBLIC_BINARY_LENGTH + 1;
            for (Endpoint e : r.stableEndpoints()) length += e.serializedLength();
        }
        ByteWriter w = new ByteWriter(length);
        w.u8(copy.size());
        for (Root r : copy) {
            w.bytes(r.identity().toBytes(false));
            w.u8(r.stableEndpoints().size());
            for (Endpoint e : r.stableEndpoints()) e.writeTo(w);
        }
        if (type == WorldType.MOON) w.u16(0);
        byte[] section = w.toByteArray();
        byte[] key = updatesMustBeSignedBy.clone();
        byte[] message = signingMessage(type, id, timestamp, key, section);
        byte[] sig = C25519.sign(signerPrivateKey, message);
        return new World(type, id, timestamp, key, sig, copy, section, ROOTS_OFFSET + section.length);
    }

    /**
     * Reads one world at {@code b[off]}; {@link #wireLength()} tells how many bytes it took, so worlds concatenated
     * in an OK(HELLO) can be read one after another.
     *
     * @param limit index just past the last byte that may be read
     * @throws MalformedException if the bytes are truncated or not a world (bad type, over the limits, bad identity)
     */
    public static World deserialize(byte[] b, int off, int limit) {
        return read(new ByteReader(b, off, limit));
    }

    /** Reads one world at the reader's position and advances past it. @throws MalformedException as above */
    public static World read(ByteReader r) {
        int start = r.position();
        WorldType type = WorldType.fromCode(r.u8());
        long id = r.u64();
        long timestamp = r.u64();
        byte[] key = r.bytes(UPDATE_KEY_BYTES);
        byte[] sig = r.bytes(SIGNATURE_BYTES);
        int rootCount = r.u8();
        if (rootCount > MAX_ROOTS) throw new MalformedException("world has " + rootCount + " roots");
        ByteWriter canonical = new ByteWriter(1 + rootCount * MAX_ROOT_BYTES + 2);
        canonical.u8(rootCount);
        List<Root> roots = new ArrayList<>(rootCount);
        for (int i = 0; i < rootCount; i++) {
            Identity identity = readIdentity(r);
            canonical.bytes(identity.toBytes(false));
            int endpointCount = r.u8();
            if (endpointCount > MAX_STABLE_ENDPOINTS_PER_ROOT) {
                throw new MalformedException("world root has " + endpointCount + " endpoints");
            }
            canonical.u8(endpointCount);
            List<Endpoint> endpoints = new ArrayList<>(endpointCount);
            for (int k = 0; k < endpointCount; k++) {
                Endpoint e = Endpoint.read(r);
                Endpoint.write(canonical, e);
                if (e != null) endpoints.add(e);
            }
            roots.add(new Root(identity, endpoints));
        }
        if (type == WorldType.MOON) {
            r.skip(r.u16());
            canonical.u16(0);
        }
        return new World(type, id, timestamp, key, sig, List.copyOf(roots), canonical.toByteArray(), r.position() - start);
    }

    private static Identity readIdentity(ByteReader r) {
        try {
            Identity identity = Identity.fromBytes(r.array(), r.position(), r.limit());
            r.skip(identity.binaryLength());
            return identity.publicOnly();
        } catch (IllegalArgumentException e) {
            throw new MalformedException("bad world root identity: " + e.getMessage());
        }
    }

    /** The binary form (spec 02 §10.1), in canonical form. */
    public byte[] serialize() {
        ByteWriter w = new ByteWriter(ROOTS_OFFSET + rootsSection.length);
        writeHeader(w, type, id, timestamp, updatesMustBeSignedBy);
        w.bytes(signature);
        w.bytes(rootsSection);
        return w.toByteArray();
    }

    /** The exact bytes the signature covers (spec 02 §10.2). */
    public byte[] signingMessage() {
        return signingMessage(type, id, timestamp, updatesMustBeSignedBy, rootsSection);
    }

    private static byte[] signingMessage(WorldType type, long id, long timestamp, byte[] key, byte[] section) {
        ByteWriter w = new ByteWriter(2 * SIGNING_MARKER_BYTES + HEADER_BYTES + section.length);
        for (int i = 0; i < SIGNING_MARKER_BYTES; i++) w.u8(SIGNING_PREFIX);
        writeHeader(w, type, id, timestamp, key);
        w.bytes(section);
        for (int i = 0; i < SIGNING_MARKER_BYTES; i++) w.u8(SIGNING_SUFFIX);
        return w.toByteArray();
    }

    private static void writeHeader(ByteWriter w, WorldType type, long id, long timestamp, byte[] key) {
        w.u8(type.code).u64(id).u64(timestamp).bytes(key);
    }

    /**
     * Whether the signature is valid under a public key: the previous revision's {@code updatesMustBeSignedBy} when
     * checking an update.
     */
    public boolean verifySignature(byte[] signerPublicKey) {
        return C25519.verify(signerPublicKey, signingMessage(), signature);
    }

    public WorldType type() {
        return type;
    }

    /** The world ID, an unsigned 64-bit value. */
    public long id() {
        return id;
    }

    /** The revision, milliseconds since the epoch, compared unsigned. */
    public long timestamp() {
        return timestamp;
    }

    /** A copy of the 64-byte public key that must sign the next revision. */
    public byte[] updatesMustBeSignedBy() {
        return updatesMustBeSignedBy.clone();
    }

    /** A copy of the 96-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    public List<Root> roots() {
        return roots;
    }

    /**
     * Bytes this world occupied in the input it was read from (moon extensions and private keys included); for a
     * world built by {@link #sign} the length of {@link #serialize()}.
     */
    public int wireLength() {
        return wireLength;
    }

    /** Equal when the canonical binary forms are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof World w && type == w.type && id == w.id && timestamp == w.timestamp
                && Arrays.equals(updatesMustBeSignedBy, w.updatesMustBeSignedBy) && Arrays.equals(signature, w.signature)
                && Arrays.equals(rootsSection, w.rootsSection);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(id) * 31 + Long.hashCode(timestamp)) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return String.format("%s %016x@%d (%d roots)", type.name().toLowerCase(Locale.ROOT), id,
                timestamp, roots.size());
    }
}
