package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;

/**
 * A revocation (spec 03 §8.6): the controller declares that credentials of one type (and ID) held by
 * {@code target} with a timestamp at or below {@code threshold} are no longer valid. The credential type is kept
 * as its raw byte so that revocations of unknown types still parse (they are rejected when applied).
 */
public record Revocation(long id, NetworkId networkId, long credentialId, long threshold, long flags, Address target,
                         Address signedBy, int credentialType, byte[] signature) {
    /** Flag: re-send this revocation to every member on acceptance. */
    public static final long FLAG_FAST_PROPAGATE = 0x1;

    public Revocation {
        if ((id & ~0xffffffffL) != 0 || (credentialId & ~0xffffffffL) != 0) {
            throw new IllegalArgumentException("revocation and credential IDs are 32-bit");
        }
        if ((credentialType & ~0xff) != 0) throw new IllegalArgumentException("credential type " + credentialType);
        if (signature.length != Signatures.LENGTH) throw new IllegalArgumentException("signature must be 96 bytes");
        signature = signature.clone();
    }

    /** An unsigned revocation. */
    public static Revocation create(long id, NetworkId network, long credentialId, long threshold, long flags,
                                    Address target, CredentialType type) {
        return new Revocation(id, network, credentialId, threshold, flags, target, new Address(0), type.id(),
                Signatures.none());
    }

    /** The revoked credential type, or null for an ID no credential uses. */
    public CredentialType type() {
        return CredentialType.ofId(credentialType);
    }

    public boolean fastPropagate() {
        return (flags & FLAG_FAST_PROPAGATE) != 0;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** {@code 7f×8 ‖ every field up to the credential type ‖ 0000 ‖ 7f×8}. */
    public byte[] signingInput() {
        return Signatures.framed(this::writeSignedFields);
    }

    private void writeSignedFields(ByteWriter w) {
        w.u32(0).u32(id).u64(networkId.value()).u32(0).u32(credentialId).u64(threshold).u64(flags)
                .u40(target.value()).u40(signedBy.value()).u8(credentialType);
    }

    /** This revocation signed by {@code controller}, which becomes {@code signedBy}. */
    public Revocation sign(Identity controller) {
        Revocation r = new Revocation(id, networkId, credentialId, threshold, flags, target, controller.address(),
                credentialType, signature);
        return new Revocation(id, networkId, credentialId, threshold, flags, target, controller.address(),
                credentialType, Signatures.sign(controller, r.signingInput()));
    }

    /** The signer must be the network's controller and the signature valid. */
    public Verification verify(SignerLookup lookup) {
        return Signatures.verify(signedBy, networkId.controller(), signingInput(), signature, lookup);
    }

    public void write(ByteWriter w) {
        writeSignedFields(w);
        Signatures.writeBlock(w, signature);
        w.u16(0);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(152);
        write(w);
        return w.toByteArray();
    }

    /** @throws MalformedException on truncation or a bad signature length; the two reserved words are ignored */
    public static Revocation read(ByteReader r) {
        r.u32();
        long id = r.u32();
        NetworkId nwid = new NetworkId(r.u64());
        r.u32();
        long credentialId = r.u32();
        long threshold = r.u64();
        long flags = r.u64();
        Address target = new Address(r.u40());
        Address by = new Address(r.u40());
        int type = r.u8();
        byte[] sig = Signatures.readBlock(r);
        Signatures.skipExtension(r);
        return new Revocation(id, nwid, credentialId, threshold, flags, target, by, type, sig);
    }

    /** Parses exactly one revocation filling {@code b}. */
    public static Revocation parse(byte[] b) {
        return Signatures.parseExactly(b, Revocation::read);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Revocation v && id == v.id && networkId.equals(v.networkId)
                && credentialId == v.credentialId && threshold == v.threshold && flags == v.flags
                && target.equals(v.target) && signedBy.equals(v.signedBy) && credentialType == v.credentialType
                && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Long.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "Revocation[" + networkId + " id " + id + " type " + credentialType + "/" + credentialId + " of "
                + target + " <= " + threshold + "]";
    }
}
