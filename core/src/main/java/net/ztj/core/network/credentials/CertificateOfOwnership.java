package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A certificate of ownership (spec 03 §8.5): the controller vouches that a member owns some MAC or IP addresses,
 * so that receivers can accept traffic from those addresses (anti-spoofing). The signature is all zero until
 * {@link #sign}.
 */
public record CertificateOfOwnership(NetworkId networkId, long timestamp, long flags, long id, List<OwnedThing> things,
                                     Address issuedTo, Address signedBy, byte[] signature) {
    /** Most things one certificate may list (the reference mis-parses more, so they are rejected). */
    public static final int MAX_THINGS = 16;

    public CertificateOfOwnership {
        if ((id & ~0xffffffffL) != 0) throw new IllegalArgumentException("COO ID wider than 32 bits");
        things = List.copyOf(things);
        if (things.size() > MAX_THINGS) throw new IllegalArgumentException("more than 16 things");
        if (signature.length != Signatures.LENGTH) throw new IllegalArgumentException("signature must be 96 bytes");
        signature = signature.clone();
    }

    /** An unsigned certificate with flags 0. */
    public static CertificateOfOwnership create(NetworkId network, long timestampMs, long id, List<OwnedThing> things,
                                                Address issuedTo) {
        return new CertificateOfOwnership(network, timestampMs, 0, id, things, issuedTo, new Address(0),
                Signatures.none());
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether this certificate lists {@code thing} (compared on the type's significant bytes). */
    public boolean owns(OwnedThing thing) {
        for (OwnedThing t : things) if (t.sameThing(thing)) return true;
        return false;
    }

    /** {@code 7f×8 ‖ nwid ‖ ts ‖ flags ‖ id ‖ count ‖ things ‖ issuedTo ‖ signedBy ‖ 0000 ‖ 7f×8}. */
    public byte[] signingInput() {
        return Signatures.framed(this::writeSignedFields);
    }

    private void writeSignedFields(ByteWriter w) {
        w.u64(networkId.value()).u64(timestamp).u64(flags).u32(id).u16(things.size());
        for (OwnedThing t : things) w.u8(t.type()).bytes(t.value());
        w.u40(issuedTo.value()).u40(signedBy.value());
    }

    /** This certificate signed by {@code controller}, which becomes {@code signedBy}. */
    public CertificateOfOwnership sign(Identity controller) {
        CertificateOfOwnership c = new CertificateOfOwnership(networkId, timestamp, flags, id, things, issuedTo,
                controller.address(), signature);
        return new CertificateOfOwnership(networkId, timestamp, flags, id, things, issuedTo, controller.address(),
                Signatures.sign(controller, c.signingInput()));
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
        ByteWriter w = new ByteWriter(192);
        write(w);
        return w.toByteArray();
    }

    /** @throws MalformedException on more than 16 things, truncation or a bad signature length */
    public static CertificateOfOwnership read(ByteReader r) {
        NetworkId nwid = new NetworkId(r.u64());
        long ts = r.u64();
        long flags = r.u64();
        long id = r.u32();
        int n = r.u16();
        if (n > MAX_THINGS) throw new MalformedException("certificate of ownership has " + n + " things");
        List<OwnedThing> things = new ArrayList<>(n);
        for (int i = 0; i < n; i++) things.add(new OwnedThing(r.u8(), r.bytes(OwnedThing.VALUE_LENGTH)));
        Address to = new Address(r.u40());
        Address by = new Address(r.u40());
        byte[] sig = Signatures.readBlock(r);
        Signatures.skipExtension(r);
        return new CertificateOfOwnership(nwid, ts, flags, id, things, to, by, sig);
    }

    /** Parses exactly one certificate filling {@code b}. */
    public static CertificateOfOwnership parse(byte[] b) {
        return Signatures.parseExactly(b, CertificateOfOwnership::read);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateOfOwnership c && networkId.equals(c.networkId) && timestamp == c.timestamp
                && flags == c.flags && id == c.id && things.equals(c.things) && issuedTo.equals(c.issuedTo)
                && signedBy.equals(c.signedBy) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "COO[" + networkId + " id " + id + " " + things + " to " + issuedTo + " ts " + timestamp + "]";
    }
}
