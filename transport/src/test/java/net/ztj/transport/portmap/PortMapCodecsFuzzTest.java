package net.ztj.transport.portmap;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer targets for every decoder of what a router (or anyone on the LAN) sends the port mapper: NAT-PMP and PCP
 * datagrams, SSDP answers, HTTP answers, device descriptions, SOAP answers, and the routing table's text. Each either decodes or
 * returns empty; nothing throws. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes them.
 */
class PortMapCodecsFuzzTest {
    private static final URI LOCATION = URI.create("http://10.82.0.1:5000/rootDesc.xml");

    @FuzzTest
    void natPmp(byte[] datagram) {
        NatPmpMessages.decode(datagram, datagram.length).ifPresent(r -> assertTrue(r.resultCode() <= 0xffff));
        NatPmpMessages.decode(datagram, datagram.length / 2);
    }

    @FuzzTest
    void pcp(byte[] datagram) {
        PcpMessages.decode(datagram, datagram.length).ifPresent(r -> {
            assertEquals(PcpMessages.NONCE_LENGTH, r.nonce().length);
            assertTrue(r.externalIp().length == 4 || r.externalIp().length == 16);
        });
    }

    @FuzzTest
    void ssdp(byte[] datagram) {
        SsdpMessages.decode(datagram, datagram.length).ifPresent(a -> assertEquals("http", a.location().getScheme().toLowerCase()));
    }

    @FuzzTest
    void igdDescription(byte[] document) {
        IgdDescription.parse(document, LOCATION).ifPresent(cp -> assertTrue(cp.controlUrl().getHost() != null));
    }

    @FuzzTest
    void soap(byte[] body) {
        SoapMessages.decode(body);
    }

    @FuzzTest
    void httpAnswer(byte[] answer) {
        try {
            UpnpHttp.Answer a = UpnpHttp.read(new ByteArrayInputStream(answer), 1_000);
            assertTrue(a.status() >= 200 && a.status() <= 999);
            assertTrue(a.body().length <= 1_000);
        } catch (UpnpHttp.Malformed e) {
            // refused: what the client treats as no answer
        } catch (IOException e) {
            throw new AssertionError("only Malformed may come out of a byte array", e);
        }
    }

    @FuzzTest
    void defaultGateway(byte[] table) {
        DefaultGateway.parse(Arrays.asList(new String(table, StandardCharsets.ISO_8859_1).split("\n")))
                .ifPresent(ip -> assertEquals(4, ip.length));
    }
}
