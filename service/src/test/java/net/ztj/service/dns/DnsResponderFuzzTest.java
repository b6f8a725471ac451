package net.ztj.service.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xbill.DNS.Message;

import java.io.IOException;

import static net.ztj.service.dns.DnsFixtures.member;
import static net.ztj.service.dns.DnsFixtures.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer target for the DNS server's query path: any bytes, over UDP or TCP, give no answer or an answer that
 * parses, carries the query's ID, has QR set and fits the transport's limit; nothing throws. Corpus replayed in the
 * normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class DnsResponderFuzzTest {
    private static final ZoneBook BOOK = new ZoneBook();
    private static final DnsResponder RESPONDER = new DnsResponder(BOOK::zones, new DnsCounters());

    static {
        BOOK.networkChanged(null, network("zt.example"));
        BOOK.memberChanged(null, member("a1b2c3d4e5", "alpha", true, "10.147.17.5"));
        BOOK.memberChanged(null, member("0102030405", "beta", true, "10.147.17.6"));
    }

    @FuzzTest
    void query(byte[] data) throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            byte[] answer = RESPONDER.answer(data, 0, data.length, tcp, id -> true);
            if (answer == null) continue;
            assertTrue(answer.length <= (tcp ? DnsResponder.TCP_MAX : DnsResponder.UDP_MAX));
            Message m = new Message(answer);
            assertEquals(((data[0] & 0xff) << 8) | (data[1] & 0xff), m.getHeader().getID());
            assertTrue(m.getHeader().getFlag(org.xbill.DNS.Flags.QR));
        }
    }
}
