package net.ztj.transport.portmap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UPnP client against a fake IGD on loopback: an SSDP responder and an HTTP server with miniupnpd's layout. */
class UpnpIgdClientTest {
    private static final String NAME = "ZeroTier/00c0ffee01@29999";
    private static final Pattern ARG = Pattern.compile("<(New\\w+)>([^<]*)</New\\w+>");

    private HttpServer http;
    private FakeUdpServer ssdp;
    private final List<String> actions = new CopyOnWriteArrayList<>();
    /** External ports mapped, with their description. */
    private final Map<String, String> mappings = new ConcurrentHashMap<>();
    private final Set<String> takenBySomeoneElse = ConcurrentHashMap.newKeySet();
    private volatile boolean permanentOnly;
    /** The client's port of every request the IGD answered, description included. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startIgd() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/rootDesc.xml", x -> {
            clientPorts.add(x.getRemoteAddress().getPort());
            reply(x, 200, IgdDescriptionTest.MINIUPNPD);
        });
        http.createContext("/ctl/IPConn", this::control);
        http.start();
        String location = "http://127.0.0.1:" + http.getAddress().getPort() + "/rootDesc.xml";
        ssdp = new FakeUdpServer(req -> List.of(("HTTP/1.1 200 OK\r\nST: " + SsdpMessages.IGD_V1 + "\r\nLOCATION: "
                + location + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterEach
    void stopIgd() throws InterruptedException {
        http.stop(0);
        ssdp.close();
    }

    @Test
    void discoversTheIgdAndMapsWithALeaseThenDeletesTheMapping() throws Exception {
        UpnpIgdClient client = client(new LongAdder());
        Mapping m = client.map(29999, 29999, 600).orElseThrow();
        assertEquals(new Mapping("UPnP", Endpoint.parse("10.81.0.3/29999"), 29999, 600), m);
        assertEquals(List.of("GetExternalIPAddress", "GetSpecificPortMappingEntry 29999",
                "AddPortMapping 29999 29999 127.0.0.1 " + NAME + " 600"), actions);
        assertTrue(new String(ssdp.requests.take(), StandardCharsets.US_ASCII).startsWith("M-SEARCH * HTTP/1.1"));
        actions.clear();
        client.map(29999, 29999, 600).orElseThrow(); // renewal: our own entry is added again
        assertEquals("AddPortMapping 29999 29999 127.0.0.1 " + NAME + " 600", actions.getLast());
        client.unmap(m);
        assertEquals("DeletePortMapping 29999", actions.getLast());
        assertTrue(mappings.isEmpty());
    }

    @Test
    void skipsPortsOfOthersAndFallsBackToAPermanentLease() throws Exception {
        mappings.put("29999", "someone else");
        takenBySomeoneElse.add("30000");
        permanentOnly = true;
        Mapping m = client(new LongAdder()).map(29999, 29999, 600).orElseThrow();
        assertEquals(new Mapping("UPnP", Endpoint.parse("10.81.0.3/30001"), 29999, 0), m);
        assertEquals(List.of("GetExternalIPAddress", "GetSpecificPortMappingEntry 29999",
                "GetSpecificPortMappingEntry 30000", "AddPortMapping 30000 29999 127.0.0.1 " + NAME + " 600",
                "GetSpecificPortMappingEntry 30001", "AddPortMapping 30001 29999 127.0.0.1 " + NAME + " 600",
                "AddPortMapping 30001 29999 127.0.0.1 " + NAME + " 0"), actions);
    }

    @Test
    void aClosedClientSendsNoRequestAndClosingTwiceIsHarmless() throws Exception {
        UpnpIgdClient client = client(new LongAdder()); // its HTTP client is made on first use, so none exists yet
        client.close();
        client.close();
        assertTrue(client.map(29999, 29999, 600).isEmpty());
        assertEquals(List.of(), actions, "no SOAP request reached the IGD");
    }

    /**
     * The JDK's HTTP server keeps connections open for more requests; a client that sent its next POST on a kept
     * connection the server had closed meanwhile lost that POST now and then (the flaky renewal this guards).
     * Every request must go on a connection of its own, and every renewal must succeed.
     */
    @Test
    void everyRequestGoesOnAConnectionOfItsOwn() throws Exception {
        LongAdder dropped = new LongAdder();
        UpnpIgdClient client = client(dropped);
        for (int i = 0; i < 40; i++) {
            assertTrue(client.map(29999, 29999, 600).isPresent(), "renewal " + i);
        }
        assertEquals(0, dropped.sum());
        assertEquals(1 + 40 * 3, clientPorts.size(), "the description, then three actions per mapping");
        assertEquals(clientPorts.size(), Set.copyOf(clientPorts).size(), "no connection was used twice");
    }

    private UpnpIgdClient client(LongAdder dropped) {
        return new UpnpIgdClient(NAME, new InetSocketAddress(InetAddress.getLoopbackAddress(), ssdp.port()), dropped,
                line -> {});
    }

    /** The WANIPConnection actions, as far as the client uses them. */
    private void control(HttpExchange x) throws IOException {
        clientPorts.add(x.getRemoteAddress().getPort());
        String action = x.getRequestHeaders().getFirst("SOAPAction").replaceAll(".*#|\"", "");
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> args = new ConcurrentHashMap<>();
        Matcher m = ARG.matcher(body);
        while (m.find()) args.put(m.group(1), m.group(2));
        String port = args.getOrDefault("NewExternalPort", "");
        List<String> logged = new ArrayList<>(List.of(action));
        if (!port.isEmpty()) logged.add(port);
        if (action.equals("AddPortMapping")) {
            logged.addAll(List.of(args.get("NewInternalPort"), args.get("NewInternalClient"),
                    args.get("NewPortMappingDescription"), args.get("NewLeaseDuration")));
        }
        actions.add(String.join(" ", logged)); // before the answer: the client goes on once it has it
        switch (action) {
            case "GetExternalIPAddress" -> ok(x, action, "<NewExternalIPAddress>10.81.0.3</NewExternalIPAddress>");
            case "GetSpecificPortMappingEntry" -> {
                String desc = mappings.get(port);
                if (desc == null) fault(x, 714);
                else ok(x, action, "<NewInternalPort>29999</NewInternalPort><NewInternalClient>127.0.0.1</NewInternalClient>"
                        + "<NewEnabled>1</NewEnabled><NewPortMappingDescription>" + UpnpXml.escape(desc)
                        + "</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>");
            }
            case "AddPortMapping" -> {
                if (takenBySomeoneElse.contains(port)) fault(x, 718);
                else if (permanentOnly && !"0".equals(args.get("NewLeaseDuration"))) fault(x, 725);
                else {
                    mappings.put(port, args.get("NewPortMappingDescription"));
                    ok(x, action, "");
                }
            }
            case "DeletePortMapping" -> {
                mappings.remove(port);
                ok(x, action, "");
            }
            default -> fault(x, 401);
        }
    }

    private static void ok(HttpExchange x, String action, String values) throws IOException {
        reply(x, 200, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:" + action + "Response xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\">" + values
                + "</u:" + action + "Response></s:Body></s:Envelope>");
    }

    private static void fault(HttpExchange x, int code) throws IOException {
        reply(x, 500, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" + code + "</errorCode>"
                + "<errorDescription>x</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>");
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/xml; charset=\"utf-8\"");
        x.sendResponseHeaders(status, b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }
}
