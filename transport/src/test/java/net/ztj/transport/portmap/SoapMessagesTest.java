package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoapMessagesTest {
    private static final String WAN_IP = "urn:schemas-upnp-org:service:WANIPConnection:1";

    @Test
    void requestCarriesTheArgumentsInOrderEscaped() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewExternalPort", "29999");
        args.put("NewPortMappingDescription", "ZeroTier/<&>");
        String body = new String(SoapMessages.request(WAN_IP, "AddPortMapping", args), StandardCharsets.UTF_8);
        assertTrue(body.contains("<u:AddPortMapping xmlns:u=\"" + WAN_IP + "\"><NewExternalPort>29999</NewExternalPort>"
                + "<NewPortMappingDescription>ZeroTier/&lt;&amp;&gt;</NewPortMappingDescription></u:AddPortMapping>"), body);
        assertEquals("\"" + WAN_IP + "#AddPortMapping\"", SoapMessages.soapAction(WAN_IP, "AddPortMapping"));
        // what we send reads back as a SOAP body
        assertTrue(SoapMessages.decode(body.getBytes(StandardCharsets.UTF_8)).orElseThrow() instanceof SoapMessages.Ok);
    }

    @Test
    void decodesOutputArguments() {
        SoapMessages.Ok ok = (SoapMessages.Ok) decode("""
                <?xml version="1.0"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                <s:Body><u:GetExternalIPAddressResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">
                <NewExternalIPAddress> 10.81.0.3 </NewExternalIPAddress></u:GetExternalIPAddressResponse></s:Body>
                </s:Envelope>""");
        assertEquals(Map.of("NewExternalIPAddress", "10.81.0.3"), ok.values());
    }

    @Test
    void decodesAUpnpError() {
        SoapMessages.Fault f = (SoapMessages.Fault) decode("""
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
                <faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>
                <UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>718</errorCode>
                <errorDescription>ConflictInMappingEntry</errorDescription></UPnPError></detail></s:Fault></s:Body>
                </s:Envelope>""");
        assertEquals(SoapMessages.CONFLICT_IN_MAPPING_ENTRY, f.errorCode());
        assertEquals("ConflictInMappingEntry", f.description());
        SoapMessages.Fault noCode = (SoapMessages.Fault) decode(
                "<E><Body><Fault><detail><UPnPError><errorCode>x</errorCode></UPnPError></detail></Fault></Body></E>");
        assertEquals(-1, noCode.errorCode());
    }

    @Test
    void refusesWhatIsNotASoapBody() {
        for (String bad : new String[] {"", "<html>", "<html><body>nope</body></html>", "<E><Body><R><a>1</a></R>",
                "<E><Body><R><a><b>nested</b></a></R></Body></E>",
                "<!DOCTYPE E [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><E><Body><R><a>&x;</a></R></Body></E>"}) {
            assertTrue(SoapMessages.decode(bad.getBytes(StandardCharsets.UTF_8)).isEmpty(), bad);
        }
        assertTrue(SoapMessages.decode(new byte[SoapMessages.MAX_LENGTH + 1]).isEmpty());
    }

    private static SoapMessages.Result decode(String text) {
        return SoapMessages.decode(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
