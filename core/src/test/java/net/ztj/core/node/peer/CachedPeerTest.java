package net.ztj.core.node.peer;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The peers.d entry in ZeroTier One 1.14's layout: version 2, identity, four 16-bit versions, addresses. */
class CachedPeerTest {
    private static final Identity ID = Identity.generate(new SecureRandom());

    @Test
    void layoutIsZeroTierOnes() {
        CachedPeer p = new CachedPeer(ID, 12, 1, 14, 1,
                List.of(Endpoint.parse("192.0.2.7/9993"), Endpoint.parse("2001:db8::1/9993")));
        byte[] b = p.encode();
        byte[] id = ID.toBytes(false);
        assertEquals(2, b[0]);
        assertArrayEquals(id, Arrays.copyOfRange(b, 1, 1 + id.length));
        int at = 1 + id.length;
        assertArrayEquals(new byte[] {0, 12, 0, 1, 0, 14, 0, 1, 0, 2, 4, (byte) 192, 0, 2, 7, 0x27, 0x09, 6},
                Arrays.copyOfRange(b, at, at + 18));
        assertEquals(at + 10 + 7 + 19, b.length);
        CachedPeer back = CachedPeer.decode(b);
        assertEquals(ID.address(), back.identity().address());
        assertEquals(List.of(12, 1, 14, 1), List.of(back.protocol(), back.major(), back.minor(), back.revision()));
        assertEquals(p.paths(), back.paths());
    }

    @Test
    void otherVersionsAndTruncationAreRefused() {
        byte[] b = new CachedPeer(ID, 12, 1, 14, 1, List.of(Endpoint.parse("192.0.2.7/9993"))).encode();
        byte[] v1 = b.clone();
        v1[0] = 1;
        assertThrows(MalformedException.class, () -> CachedPeer.decode(v1));
        assertThrows(MalformedException.class, () -> CachedPeer.decode(Arrays.copyOf(b, b.length - 3)));
        assertThrows(MalformedException.class, () -> CachedPeer.decode(new byte[0]));
    }
}
