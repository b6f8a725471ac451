package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of OK(WHOIS) after the {@link OkHeader} (spec 02 §8.4): public identities, concatenated. 1.14 uses only
 * the first; all are decoded here.
 */
public record OkWhois(List<Identity> identities) implements VerbPayload {
    public OkWhois {
        identities = identities.stream().map(Identity::publicOnly).toList();
    }

    /** @throws net.ztj.core.wire.MalformedException if an identity is truncated or ill-formed */
    public static OkWhois decode(ByteReader r) {
        List<Identity> list = new ArrayList<>();
        while (r.hasRemaining()) list.add(Hello.readIdentity(r));
        return new OkWhois(list);
    }

    @Override
    public void encode(ByteWriter w) {
        for (Identity id : identities) w.bytes(id.toBytes(false));
    }
}
