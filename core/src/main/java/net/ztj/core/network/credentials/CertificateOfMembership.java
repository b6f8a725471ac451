package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.crypto.Sha;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A certificate of membership (spec 03 §8.2): controller-signed qualifiers saying that a node belongs to a private
 * network at a point in time, bound to the node's identity by a hash. Two members may talk when each one's COM
 * agrees with the other's ({@link #agreesWith}). Immutable; {@code signedBy} is zero and the signature an empty
 * array until {@link #sign} is called (an unsigned COM is serialized without signature bytes).
 */
public record CertificateOfMembership(List<ComQualifier> qualifiers, Address signedBy, byte[] signature) {
    /** Most qualifiers a COM may carry. */
    public static final int MAX_QUALIFIERS = 8;
    private static final int VERSION = 1;

    public CertificateOfMembership {
        qualifiers = List.copyOf(qualifiers);
        if (qualifiers.size() > MAX_QUALIFIERS) throw new IllegalArgumentException("more than 8 qualifiers");
        for (int i = 1; i < qualifiers.size(); i++) {
            if (Long.compareUnsigned(qualifiers.get(i - 1).id(), qualifiers.get(i).id()) > 0) {
                throw new IllegalArgumentException("qualifier IDs out of order");
            }
        }
        if (signedBy.value() != 0 && signature.length != Signatures.LENGTH) {
            throw new IllegalArgumentException("signature must be 96 bytes");
        }
        signature = signature.clone();
    }

    /**
     * The unsigned COM a 1.14 controller issues to {@code member}: timestamp (±{@code maxDeltaMs}), network ID
     * (exact), issued-to (never compared) and the four words of SHA-384(address ‖ public key) (exact).
     */
    public static CertificateOfMembership issue(NetworkId network, long timestampMs, long maxDeltaMs, Identity member) {
        List<ComQualifier> q = new ArrayList<>(7);
        q.add(new ComQualifier(ComQualifier.TIMESTAMP, timestampMs, maxDeltaMs));
        q.add(new ComQualifier(ComQualifier.NETWORK_ID, network.value(), 0));
        q.add(new ComQualifier(ComQualifier.ISSUED_TO, member.address().value(), -1L));
        long[] words = identityHashWords(member);
        for (int i = 0; i < 4; i++) q.add(new ComQualifier(ComQualifier.IDENTITY_HASH_FIRST + i, words[i], -1L));
        return new CertificateOfMembership(q, new Address(0), new byte[0]);
    }

    /** The first four big-endian 64-bit words of SHA-384(address 5 bytes ‖ public key 64 bytes). */
    public static long[] identityHashWords(Identity id) {
        byte[] h = Sha.sha384(id.address().toBytes(), id.publicKey());
        ByteReader r = new ByteReader(h);
        return new long[] {r.u64(), r.u64(), r.u64(), r.u64()};
    }

    /** The value of the qualifier with this ID, or 0 if absent. */
    public long qualifierValue(long id) {
        for (ComQualifier q : qualifiers) if (q.id() == id) return q.value();
        return 0;
    }

    public long timestamp() {
        return qualifierValue(ComQualifier.TIMESTAMP);
    }

    public NetworkId networkId() {
        return new NetworkId(qualifierValue(ComQualifier.NETWORK_ID));
    }

    public Address issuedTo() {
        return new Address(qualifierValue(ComQualifier.ISSUED_TO) & 0xffffffffffL);
    }

    public boolean isSigned() {
        return signedBy.value() != 0;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signed bytes: every qualifier as {@code [id 8][value 8][maxDelta 8]}, no framing. */
    public byte[] signingMessage() {
        ByteWriter w = new ByteWriter(24 * qualifiers.size());
        for (ComQualifier q : qualifiers) w.u64(q.id()).u64(q.value()).u64(q.maxDelta());
        return w.toByteArray();
    }

    /** This COM signed by {@code controller} (which must hold its private key). */
    public CertificateOfMembership sign(Identity controller) {
        return new CertificateOfMembership(qualifiers, controller.address(),
                Signatures.sign(controller, signingMessage()));
    }

    /** Checks that the signer is the controller of the network named in qualifier 1 and the signature is good. */
    public Verification verify(SignerLookup lookup) {
        if (!isSigned()) return Verification.INVALID;
        return Signatures.verify(signedBy, networkId().controller(), signingMessage(), signature, lookup);
    }

    /**
     * Whether a peer presenting {@code theirs} under {@code theirIdentity} may talk to us holding this COM
     * (spec 03 §8.2): each of our qualifiers must be matched within our max delta, and if we carry identity-hash
     * qualifiers theirs must equal the hash of {@code theirIdentity}. Signatures are not checked here.
     */
    public boolean agreesWith(CertificateOfMembership theirs, Identity theirIdentity) {
        if (qualifiers.isEmpty() || theirs.qualifiers.isEmpty()) return false;
        boolean checkHash = false;
        for (ComQualifier mine : qualifiers) {
            ComQualifier other = theirs.find(mine.id());
            if (other == null || !mine.accepts(other.value())) return false;
            if (mine.id() >= ComQualifier.IDENTITY_HASH_FIRST && mine.id() <= ComQualifier.IDENTITY_HASH_LAST) {
                checkHash = true;
            }
        }
        if (!checkHash) return true;
        long[] words = identityHashWords(theirIdentity);
        for (int i = 0; i < 4; i++) {
            ComQualifier q = theirs.find(ComQualifier.IDENTITY_HASH_FIRST + i);
            if (q == null || q.value() != words[i]) return false;
        }
        return true;
    }

    private ComQualifier find(long id) {
        for (ComQualifier q : qualifiers) if (q.id() == id) return q;
        return null;
    }

    public void write(ByteWriter w) {
        w.u8(VERSION).u16(qualifiers.size());
        for (ComQualifier q : qualifiers) w.u64(q.id()).u64(q.value()).u64(q.maxDelta());
        w.u40(signedBy.value());
        if (isSigned()) w.bytes(signature);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(272);
        write(w);
        return w.toByteArray();
    }

    /** @throws MalformedException on a wrong version, more than 8 or unordered qualifiers, or truncation */
    public static CertificateOfMembership read(ByteReader r) {
        if (r.u8() != VERSION) throw new MalformedException("certificate of membership version");
        int n = r.u16();
        if (n > MAX_QUALIFIERS) throw new MalformedException("certificate of membership has " + n + " qualifiers");
        List<ComQualifier> q = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ComQualifier c = new ComQualifier(r.u64(), r.u64(), r.u64());
            if (i > 0 && Long.compareUnsigned(q.get(i - 1).id(), c.id()) > 0) {
                throw new MalformedException("certificate of membership qualifiers out of order");
            }
            q.add(c);
        }
        Address signer = new Address(r.u40());
        byte[] sig = signer.value() != 0 ? r.bytes(Signatures.LENGTH) : new byte[0];
        return new CertificateOfMembership(q, signer, sig);
    }

    /** Parses exactly one COM filling {@code b}. */
    public static CertificateOfMembership parse(byte[] b) {
        return Signatures.parseExactly(b, CertificateOfMembership::read);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateOfMembership c && qualifiers.equals(c.qualifiers) && signedBy.equals(c.signedBy)
                && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return qualifiers.hashCode() * 31 + signedBy.hashCode();
    }

    @Override
    public String toString() {
        return "COM[" + networkId() + " to " + issuedTo() + " ts " + timestamp() + " by " + signedBy + "]";
    }
}
