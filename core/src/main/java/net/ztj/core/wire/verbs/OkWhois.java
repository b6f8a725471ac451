package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of OK(WHOIS) after the {@link OkHeader} (spec 02 §8.4): public identities, concatenated. 1.14 reads only
 * the first, which must be there, and ignores what follows it; here the identities after it are decoded as long as
 * whole ones follow, and the bytes after the last whole one are ignored.
 */
public record OkWhois(List<Identity> identities) implements VerbPayload {
    public OkWhois {
        identities = identities.stream().map(Identity::publicOnly).toList();
    }

    /** @throws net.ztj.core.wire.MalformedException if the first identity is missing, truncated or ill-formed */
    public static OkWhois decode(ByteReader r) {
        List<Identity> list = new ArrayList<>();
        list.add(Hello.readIdentity(r));
        while (r.hasRemaining()) {
            Identity next = Hello.tryReadIdentity(r);
            if (next == null) break;
            list.add(next);
        }
        r.seek(r.limit());
        return new OkWhois(list);
    }

    /** The identity 1.14 acts on. */
    public Identity first() {
        return identities.getFirst();
    }

    @Override
    public void encode(ByteWriter w) {
        for (Identity id : identities) w.bytes(id.toBytes(false));
    }
}
