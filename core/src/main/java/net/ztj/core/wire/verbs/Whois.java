package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * WHOIS (spec 02 §8.4): the addresses whose identities are asked for. Bytes after the last whole address are
 * ignored, as by the reference.
 */
public record Whois(List<Address> addresses) implements VerbPayload {
    public Whois {
        addresses = List.copyOf(addresses);
    }

    public static Whois of(Address... addresses) {
        return new Whois(List.of(addresses));
    }

    public static Whois decode(ByteReader r) {
        List<Address> list = new ArrayList<>(r.remaining() / Address.LENGTH);
        while (r.remaining() >= Address.LENGTH) list.add(new Address(r.u40()));
        return new Whois(list);
    }

    @Override
    public void encode(ByteWriter w) {
        for (Address a : addresses) w.u40(a.value());
    }
}
