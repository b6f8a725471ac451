package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;

/**
 * A tag (spec 03 §8.4): a controller-signed (ID, value) pair attached to one member, matched by tag rules.
 * Non-transferable. The signature is all zero until {@link #sign}.
 */
public record Tag(NetworkId networkId, long timestamp, long id, long value, Address issuedTo, Address signedBy,
                  byte[] signature) {
    public Tag {
        if ((id & ~0xffffffffL) != 0 || (value & ~0xffffffffL) != 0) {
            throw new IllegalArgumentException("tag ID and value are 32-bit");
        }
        if (signature.length != Signatures.LENGTH) throw new IllegalArgumentException("signature must be 96 bytes");
        signature = signature.clone();
    }

    /** An unsigned tag. */
    public static Tag create(NetworkId network, long timestampMs, long id, long value, Address issuedTo) {
        return new Tag(network, timestampMs, id, value, issuedTo, new Address(0), Signatures.none());
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** {@code 7f×8 ‖ nwid ‖ ts ‖ id ‖ value ‖ issuedTo ‖ signedBy ‖ 0000 ‖ 7f×8}. */
    public byte[] signingInput() {
        return Signatures.framed(this::writeSignedFields);
    }

    private void writeSignedFields(ByteWriter w) {
        w.u64(networkId.value()).u64(timestamp).u32(id).u32(value).u40(issuedTo.value()).u40(signedBy.value());
    }

    /** This tag signed by {@code controller}, which becomes {@code signedBy}. */
    public Tag sign(Identity controller) {
        Tag t = new Tag(networkId, timestamp, id, value, issuedTo, controller.address(), signature);
        return new Tag(networkId, timestamp, id, value, issuedTo, controller.address(),
                Signatures.sign(controller, t.signingInput()));
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
        ByteWriter w = new ByteWriter(135);
        write(w);
        return w.toByteArray();
    }

    /** @throws MalformedException on truncation or a type-1 signature not 96 bytes long */
    public static Tag read(ByteReader r) {
        NetworkId nwid = new NetworkId(r.u64());
        long ts = r.u64();
        long id = r.u32();
        long value = r.u32();
        Address to = new Address(r.u40());
        Address by = new Address(r.u40());
        byte[] sig = Signatures.readBlock(r);
        Signatures.skipExtension(r);
        return new Tag(nwid, ts, id, value, to, by, sig);
    }

    /** Parses exactly one tag filling {@code b}. */
    public static Tag parse(byte[] b) {
        return Signatures.parseExactly(b, Tag::read);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tag t && networkId.equals(t.networkId) && timestamp == t.timestamp && id == t.id
                && value == t.value && issuedTo.equals(t.issuedTo) && signedBy.equals(t.signedBy)
                && Arrays.equals(signature, t.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "Tag[" + networkId + " id " + id + "=" + value + " to " + issuedTo + " ts " + timestamp + "]";
    }
}
