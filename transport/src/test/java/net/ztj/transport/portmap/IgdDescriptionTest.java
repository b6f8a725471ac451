package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgdDescriptionTest {
    private static final URI LOCATION = URI.create("http://10.82.0.1:40123/rootDesc.xml");

    /** The shape of miniupnpd's rootDesc.xml: the IGD, its WANDevice, its WANConnectionDevice and services. */
    static final String MINIUPNPD = """
            <?xml version="1.0"?>
            <root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>1</minor></specVersion>
            <device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
            <serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType>
            <controlURL>/ctl/L3F</controlURL></service></serviceList>
            <deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
            <serviceList><service><serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType>
            <controlURL>/ctl/CmnIfCfg</controlURL></service></serviceList>
            <deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
            <serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>
            <serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><controlURL>/ctl/IPConn</controlURL>
            <eventSubURL>/evt/IPConn</eventSubURL><SCPDURL>/WANIPCn.xml</SCPDURL></service></serviceList>
            </device></deviceList></device></deviceList></device></root>""";

    @Test
    void findsTheWanIpConnectionOfMiniupnpd() {
        IgdDescription.ControlPoint cp = parse(MINIUPNPD, LOCATION);
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:1", cp.serviceType());
        assertEquals(URI.create("http://10.82.0.1:40123/ctl/IPConn"), cp.controlUrl());
    }

    @Test
    void prefersVersion2ThenIpOverPppAndHonoursUrlBase() {
        String doc = "<root><URLBase>http://10.0.0.1:5000/base/</URLBase>"
                + service("WANPPPConnection:1", "ppp") + service("WANIPConnection:2", "ip2")
                + service("WANIPConnection:1", "ip1") + "</root>";
        IgdDescription.ControlPoint cp = parse(doc, LOCATION);
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:2", cp.serviceType());
        assertEquals(URI.create("http://10.0.0.1:5000/base/ip2"), cp.controlUrl());
        assertEquals("urn:schemas-upnp-org:service:WANPPPConnection:1",
                parse("<root>" + service("WANPPPConnection:1", "/ppp") + "</root>", LOCATION).serviceType());
    }

    @Test
    void refusesDocumentsWithoutAUsableService() {
        for (String bad : new String[] {"", "not xml", "<root>", "<root></root>",
                "<root>" + service("Layer3Forwarding:1", "/l3f") + "</root>",
                "<root>" + service("WANIPConnection:1", "file:///etc/passwd") + "</root>",
                "<root>" + service("WANIPConnection:1", "http://[broken") + "</root>",
                // an entity that would read a local file is not expanded: the document is refused
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><root>"
                        + service("WANIPConnection:1", "/&x;") + "</root>"}) {
            assertTrue(IgdDescription.parse(bad.getBytes(StandardCharsets.UTF_8), LOCATION).isEmpty(), bad);
        }
        assertTrue(IgdDescription.parse(new byte[IgdDescription.MAX_LENGTH + 1], LOCATION).isEmpty());
    }

    private static String service(String type, String control) {
        return "<service><serviceType>urn:schemas-upnp-org:service:" + type + "</serviceType><controlURL>" + control
                + "</controlURL></service>";
    }

    private static IgdDescription.ControlPoint parse(String doc, URI location) {
        return IgdDescription.parse(doc.getBytes(StandardCharsets.UTF_8), location).orElseThrow();
    }
}
