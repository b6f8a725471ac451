package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsdpMessagesTest {
    @Test
    void searchIsAnMSearchForTheTarget() {
        String s = new String(SsdpMessages.search(SsdpMessages.IGD_V1, 2), StandardCharsets.US_ASCII);
        assertEquals("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n", s);
    }

    @Test
    void decodesMiniupnpdsAnswer() {
        SsdpMessages.Answer a = decode("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                + "USN: uuid:3f1e2a4c::urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nEXT:\r\n"
                + "SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1\r\nLOCATION: http://10.82.0.1:40123/rootDesc.xml\r\n"
                + "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n\r\n");
        assertEquals(SsdpMessages.IGD_V1, a.searchTarget());
        assertEquals(URI.create("http://10.82.0.1:40123/rootDesc.xml"), a.location());
        // header names in any case, bare line feeds
        assertEquals(URI.create("http://10.0.0.1/d.xml"),
                decode("HTTP/1.1 200 OK\nst: x\nLocation:   http://10.0.0.1/d.xml  \n\n").location());
    }

    @Test
    void dropsOtherMessages() {
        for (String bad : new String[] {
                "", "\n\n", "\r\n", "HTTP/1.1", "HTTP/1.1 404 Not Found\r\nST: x\r\nLOCATION: http://10.0.0.1/\r\n\r\n",
                "NOTIFY * HTTP/1.1\r\nNT: x\r\nLOCATION: http://10.0.0.1/\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: x\r\n\r\n", // no location
                "HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.1/\r\n\r\n", // no search target
                "HTTP/1.1 200 OK\r\nST: x\r\nLOCATION: file:///etc/passwd\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: x\r\nLOCATION: http://[bad\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: x\r\nLOCATION: http:relative\r\n\r\n"}) {
            byte[] d = bad.getBytes(StandardCharsets.ISO_8859_1);
            assertTrue(SsdpMessages.decode(d, d.length).isEmpty(), bad);
        }
        byte[] huge = new byte[SsdpMessages.MAX_RESPONSE + 1];
        assertTrue(SsdpMessages.decode(huge, huge.length).isEmpty());
    }

    private static SsdpMessages.Answer decode(String text) {
        byte[] d = text.getBytes(StandardCharsets.ISO_8859_1);
        return SsdpMessages.decode(d, d.length).orElseThrow();
    }
}
