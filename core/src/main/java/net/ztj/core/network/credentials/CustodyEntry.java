package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;

import java.util.Arrays;

/** One link of a capability's custody chain: {@code from} handed the capability to {@code to} and signed it. */
public record CustodyEntry(Address to, Address from, byte[] signature) {
    public CustodyEntry {
        if (signature.length != Signatures.LENGTH) throw new IllegalArgumentException("signature must be 96 bytes");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustodyEntry c && to.equals(c.to) && from.equals(c.from)
                && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return to.hashCode() * 31 + from.hashCode();
    }
}
