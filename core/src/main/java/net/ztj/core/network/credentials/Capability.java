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
import java.util.Optional;

/**
 * A capability (spec 03 §8.3): a controller-signed bundle of rules that lets its holder send traffic the base rules
 * do not allow, passed along a custody chain in which each holder signs it over to the next.
 *
 * <p>The rules are kept as their serialized list ({@code rulesBinary}, {@code ruleCount} entries framed
 * {@code [type 1][length 1][data]}); only that framing is checked here, the rules package interprets them.
 */
public record Capability(NetworkId networkId, long timestamp, long id, int ruleCount, byte[] rulesBinary,
                         int maxCustodyChainLength, List<CustodyEntry> custody) {
    /** Most rules a capability may carry. */
    public static final int MAX_RULES = 64;
    /** Longest custody chain. */
    public static final int MAX_CUSTODY_CHAIN_LENGTH = 7;

    public Capability {
        if ((id & ~0xffffffffL) != 0) throw new IllegalArgumentException("capability ID wider than 32 bits");
        if (ruleCount < 0 || ruleCount > MAX_RULES) throw new IllegalArgumentException("rule count " + ruleCount);
        if (maxCustodyChainLength < 1 || maxCustodyChainLength > MAX_CUSTODY_CHAIN_LENGTH) {
            throw new IllegalArgumentException("custody chain length " + maxCustodyChainLength);
        }
        custody = List.copyOf(custody);
        if (custody.size() > maxCustodyChainLength) throw new IllegalArgumentException("custody chain too long");
        for (CustodyEntry e : custody) if (e.to().value() == 0) throw new IllegalArgumentException("custody to 0");
        rulesBinary = rulesBinary.clone();
        ByteReader r = new ByteReader(rulesBinary);
        try {
            skipRules(r, ruleCount);
        } catch (MalformedException e) {
            throw new IllegalArgumentException("rules do not hold " + ruleCount + " framed rules", e);
        }
        if (r.hasRemaining()) throw new IllegalArgumentException("bytes after " + ruleCount + " rules");
    }

    /** An unsigned capability with an empty custody chain. */
    public static Capability create(NetworkId network, long timestampMs, long id, int ruleCount, byte[] rulesBinary,
                                    int maxCustodyChainLength) {
        return new Capability(network, timestampMs, id, ruleCount, rulesBinary, maxCustodyChainLength, List.of());
    }

    private static void skipRules(ByteReader r, int count) {
        for (int i = 0; i < count; i++) {
            r.u8();
            r.skip(r.u8());
        }
    }

    @Override
    public byte[] rulesBinary() {
        return rulesBinary.clone();
    }

    /** The holder: the last recipient in the custody chain (empty if the chain is empty). */
    public Optional<Address> issuedTo() {
        return custody.isEmpty() ? Optional.empty() : Optional.of(custody.getLast().to());
    }

    /** What every custody signature covers: framed header, rules and chain length; not the chain itself. */
    public byte[] signingInput() {
        return Signatures.framed(this::writeSignedFields);
    }

    private void writeSignedFields(ByteWriter w) {
        w.u64(networkId.value()).u64(timestamp).u32(id).u16(ruleCount).bytes(rulesBinary).u8(maxCustodyChainLength);
    }

    /**
     * This capability with one more custody entry, {@code from} (holding its private key) handing it to {@code to}.
     *
     * @throws IllegalStateException if the chain is full
     */
    public Capability sign(Identity from, Address to) {
        if (custody.size() >= maxCustodyChainLength) throw new IllegalStateException("custody chain is full");
        List<CustodyEntry> chain = new ArrayList<>(custody);
        chain.add(new CustodyEntry(to, from.address(), Signatures.sign(from, signingInput())));
        return new Capability(networkId, timestamp, id, ruleCount, rulesBinary, maxCustodyChainLength, chain);
    }

    /**
     * Entry 0 must come from the network's controller, each later entry from the previous recipient, and every
     * signature must verify under its signer.
     */
    public Verification verify(SignerLookup lookup) {
        if (custody.isEmpty()) return Verification.INVALID;
        byte[] message = signingInput();
        Address expected = networkId.controller();
        boolean unknown = false;
        for (CustodyEntry e : custody) {
            Verification v = Signatures.verify(e.from(), expected, message, e.signature(), lookup);
            if (v == Verification.INVALID) return v;
            if (v == Verification.SIGNER_UNKNOWN) unknown = true;
            expected = e.to();
        }
        return unknown ? Verification.SIGNER_UNKNOWN : Verification.VALID;
    }

    public void write(ByteWriter w) {
        writeSignedFields(w);
        for (CustodyEntry e : custody) {
            w.u40(e.to().value()).u40(e.from().value());
            Signatures.writeBlock(w, e.signature());
        }
        w.u40(0);
        w.u16(0);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(160);
        write(w);
        return w.toByteArray();
    }

    /** @throws MalformedException on more than 64 rules, a bad chain length, an overlong chain or truncation */
    public static Capability read(ByteReader r) {
        NetworkId nwid = new NetworkId(r.u64());
        long ts = r.u64();
        long id = r.u32();
        int count = r.u16();
        if (count > MAX_RULES) throw new MalformedException("capability has " + count + " rules");
        int rulesStart = r.position();
        skipRules(r, count);
        byte[] rules = r.copyOfRange(rulesStart, r.position());
        int maxChain = r.u8();
        if (maxChain < 1 || maxChain > MAX_CUSTODY_CHAIN_LENGTH) {
            throw new MalformedException("capability custody chain length " + maxChain);
        }
        List<CustodyEntry> chain = new ArrayList<>();
        for (int i = 0; ; i++) {
            long to = r.u40();
            if (to == 0) break;
            if (i >= maxChain) throw new MalformedException("capability custody chain too long");
            Address from = new Address(r.u40());
            chain.add(new CustodyEntry(new Address(to), from, Signatures.readBlock(r)));
        }
        Signatures.skipExtension(r);
        return new Capability(nwid, ts, id, count, rules, maxChain, chain);
    }

    /** Parses exactly one capability filling {@code b}. */
    public static Capability parse(byte[] b) {
        return Signatures.parseExactly(b, Capability::read);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capability c && networkId.equals(c.networkId) && timestamp == c.timestamp && id == c.id
                && ruleCount == c.ruleCount && Arrays.equals(rulesBinary, c.rulesBinary)
                && maxCustodyChainLength == c.maxCustodyChainLength && custody.equals(c.custody);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "Capability[" + networkId + " id " + id + " ts " + timestamp + " rules " + ruleCount
                + " custody " + custody.size() + "]";
    }
}
