package net.ztj.service.api;

import net.ztj.core.node.MoonInfo;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfLoader;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.json.JsonText;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.RawHttp;
import net.ztj.service.testing.RawHttp.Response;
import net.ztj.service.testing.SpecExamples;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local API over real HTTP on the loopback interface, against a fake node, checked against the captured
 * exchanges of spec 05 (http-api-transcripts.txt) and the JSON examples.
 */
class LocalApiTest {
    private static final String TOKEN = "xg0jdyd4y9g1p1a2yq6dp3kf";
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final FakeNode node = new FakeNode(SpecFixtures.memberStatus());
    private final AtomicReference<ServiceState> service = new AtomicReference<>(SpecFixtures.memberService());
    private long clock = SpecFixtures.MEMBER_STATUS_CLOCK;
    private static final net.ztj.core.identity.Address SELF = net.ztj.core.identity.Address.parse("ed7e70d932");
    private java.util.Optional<net.ztj.controller.store.ControllerStore> controller = java.util.Optional.empty();
    private ApiServer server;
    private int port;

    private void start(String localConf) throws Exception {
        LocalConf conf = localConf == null ? LocalConf.none() : LocalConfLoader.parse(localConf, w -> {});
        ApiHandler handler = LocalApi.handler(node, service::get, conf, new MoonFiles(dir.resolve("moons.d")),
                new net.ztj.service.home.NetworkFiles(dir.resolve("networks.d")), controller, SELF,
                new java.util.SplittableRandom(1), TOKEN,
                () -> clock);
        // loopback listeners even when local.conf allows remote management: tests stay on the loopback interface
        server = ApiServer.start(0, false, handler, new PrintStream(console, true, StandardCharsets.UTF_8));
        port = server.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (controller.isPresent()) controller.get().close();
    }

    private Response get(String path, String... headers) throws Exception {
        return request("GET", path, V4, null, headers);
    }

    private Response request(String method, String path, InetAddress host, String body, String... headers) throws Exception {
        StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\n");
        for (String h : headers) r.append(h).append('\n');
        if (body != null) r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append('\n');
        r.append('\n');
        if (body != null) r.append(body);
        return RawHttp.exchange(host, port, r.toString());
    }

    private static String auth() {
        return "X-ZT1-Auth: " + TOKEN;
    }

    private static InetAddress v6() throws Exception {
        return InetAddress.getByName("::1");
    }

    @Test
    void announcesAndStopsTheControlPlanesAsTheReference() throws Exception {
        start(null);
        assertEquals(2, server.addresses().size());
        server.close();
        server = null;
        assertEquals("Starting Control Plane...\nStarting V6 Control Plane...\nControl Plane Stopped\nV6 Control Plane Stopped\n",
                console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEveryPathIs401BeforeRouting() throws Exception {
        start(null);
        String unauthorized = "HTTP/1.1 401 Unauthorized\nContent-Length: 2\nContent-Type: application/json\n"
                + "Keep-Alive: timeout=5, max=5\n";
        for (String path : List.of("/status", "/nothing", "/peer/93155eb549")) {
            Response r = get(path);
            assertEquals(unauthorized, r.head(), path);
            assertEquals("{}", r.body());
        }
        Response missing = get("/nothing", auth());
        assertEquals("HTTP/1.1 404 Not Found\nContent-Length: 0\nKeep-Alive: timeout=5, max=5\n", missing.head());
        assertEquals("", missing.body());
    }

    @Test
    void tokenCarriersFollowTheReferencePrecedence() throws Exception {
        start(null);
        assertEquals(401, get("/status", "X-ZT1-Auth: wrong").status());
        assertEquals(401, get("/status?auth=" + TOKEN, "X-ZT1-Auth: wrong").status(), "a wrong header is not rescued");
        assertEquals(200, get("/status?auth=" + TOKEN).status());
        assertEquals(200, get("/status", "x-zt1-auth: " + TOKEN).status(), "header names ignore case");
        assertEquals(200, get("/status", "Authorization: bearer " + TOKEN).status());
        assertEquals(200, get("/status", "Authorization: BEARER " + TOKEN).status());
        assertEquals(401, get("/status", "Authorization: Bearer  " + TOKEN).status(), "exactly two words");
        assertEquals(401, get("/status", "Authorization: Basic " + TOKEN).status());
        assertEquals(401, get("/status?auth=wrong", "Authorization: Bearer " + TOKEN).status(), "auth= comes first");
        assertEquals(200, get("/status?auth=" + TOKEN, "Authorization: Bearer wrong").status());
    }

    @Test
    void healthNeedsNoTokenAndMatchesTheTranscript() throws Exception {
        start(null);
        clock = 1795532042235L;
        Response r = get("/health");
        assertEquals("HTTP/1.1 200 OK\nContent-Length: 123\nContent-Type: application/json\nKeep-Alive: timeout=5, max=5\n",
                r.head());
        assertEquals("{\"clock\":1795532042235,\"online\":true,\"version\":\"1.14.1\",\"versionBuild\":0,\"versionMajor\":1,"
                + "\"versionMinor\":14,\"versionRev\":1}", r.body());
    }

    @Test
    void statusMatchesTheCapturedMemberNode() throws Exception {
        start(SpecFixtures.MEMBER_LOCAL_CONF);
        assertSameJson("status-member-online.json", get("/status", auth()));
    }

    @Test
    void statusMatchesTheCapturedFreshNode() throws Exception {
        node.status = SpecFixtures.freshStatus();
        service.set(SpecFixtures.freshService());
        clock = SpecFixtures.FRESH_STATUS_CLOCK;
        start(null);
        assertSameJson("status-fresh-default-planet.json", get("/status", auth()));
    }

    @Test
    void statusMatchesTheCapturedRelayedNode() throws Exception {
        node.status = SpecFixtures.relayedStatus();
        service.set(SpecFixtures.relayedService());
        clock = SpecFixtures.RELAYED_STATUS_CLOCK;
        start(SpecFixtures.RELAYED_LOCAL_CONF);
        assertSameJson("status-forced-tcp-relay.json", get("/status", auth()));
    }

    @Test
    void peersMatchTheCapturedExamples() throws Exception {
        node.peers = SpecFixtures.memberPeers();
        start(null);
        assertSameJson("peers-member.json", get("/peer", auth()));
        node.peers = SpecFixtures.tunneledPeers();
        service.set(SpecFixtures.relayedService());
        assertSameJson("peers-tunneled.json", get("/peer", auth()));
    }

    @Test
    void onePeerMatchesTheTranscriptByteForByte() throws Exception {
        node.peers = List.of(SpecFixtures.transcriptPeer());
        start(null);
        Response r = get("/peer/93155eb549?auth=" + TOKEN);
        assertEquals("HTTP/1.1 200 OK\nContent-Length: 1260\nContent-Type: application/json\nKeep-Alive: timeout=5, max=5\n",
                r.head());
        assertEquals(SpecFixtures.TRANSCRIPT_PEER_JSON, r.body());
        assertEquals(200, get("/peer/93155EB549", auth()).status(), "hex parameters accept upper case");
        Response unknown = get("/peer/1234567890", auth());
        assertEquals(200, unknown.status());
        assertEquals("{}", unknown.body());
    }

    @Test
    void routesMatchExactly() throws Exception {
        start(null);
        for (String path : List.of("/peer/", "/peer/93155eb54", "/peer/93155eb5490", "/status/", "/moon/00000093155eb549")) {
            Response r = get(path, auth());
            assertEquals(404, r.status(), path);
            assertNull(r.header("Content-Type"), path);
        }
        assertEquals(404, request("POST", "/status", V4, "{}", auth()).status());
        assertEquals(404, request("OPTIONS", "/status", V4, null, auth()).status());
        assertEquals(404, request("PATCH", "/moon", V4, "{}", auth()).status());
    }

    @Test
    void moonsOrbitListAndDeorbitAsTheTranscript() throws Exception {
        start(null);
        Response orbit = request("POST", "/moon/9999999999", V4, "{\"seed\":\"9999999999\"}", auth());
        assertEquals("HTTP/1.1 200 OK\nContent-Length: 111\nContent-Type: application/json\nKeep-Alive: timeout=5, max=5\n",
                orbit.head());
        assertEquals("{\"id\":\"0000009999999999\",\"roots\":[],\"signature\":null,\"timestamp\":0,"
                + "\"updatesMustBeSignedBy\":null,\"waiting\":true}", orbit.body());
        assertEquals(List.of("orbit 0000009999999999 9999999999"), node.commands);

        Response again = request("PUT", "/moon/9999999999", V4, "not json", auth());
        assertEquals(orbit.body(), again.body(), "a known moon answers its object");
        assertEquals(1, node.commands.size());
        assertEquals("{}", request("POST", "/moon/1111111111", V4, "{\"seed\":\"0\"}", auth()).body());
        assertEquals("{}", request("POST", "/moon/1111111111", V4, "{bad", auth()).body());
        assertEquals("{}", get("/moon/1234567890", auth()).body());

        Files.createDirectories(dir.resolve("moons.d"));
        Files.write(dir.resolve("moons.d/0000009999999999.moon"), new byte[] {1});
        Response viaV6 = request("DELETE", "/moon/9999999999", v6(), null, auth());
        assertEquals("HTTP/1.1 404 Not Found\nContent-Length: 0\nKeep-Alive: timeout=5, max=5\n", viaV6.head());
        Response deorbit = request("DELETE", "/moon/9999999999", V4, null, auth());
        assertEquals("{\"result\":true}", deorbit.body());
        assertEquals("15", deorbit.header("Content-Length"));
        assertEquals("deorbit 0000009999999999", node.commands.getLast());
        assertFalse(Files.exists(dir.resolve("moons.d/0000009999999999.moon")));
    }

    @Test
    void moonListingMatchesTheExample() throws Exception {
        synchronized (node) {
            node.moons.add(SpecFixtures.exampleMoon());
        }
        start(null);
        Response r = get("/moon", auth());
        assertEquals(SpecFixtures.EXAMPLE_MOON_LISTING, JsonText.indented(JsonText.parse(r.body()), 1) + "\n");
        Response one = get("/moon/93155eb549", auth());
        assertEquals(JsonText.compact(JsonText.parse(r.body()).get(0)), one.body());
        MoonInfo waiting = new MoonInfo(0x1234567890L, 0, null, null, List.of(), true);
        synchronized (node) {
            node.moons.add(waiting);
        }
        assertTrue(get("/moon", auth()).body().endsWith("{\"id\":\"0000001234567890\",\"roots\":[],\"signature\":null,"
                + "\"timestamp\":0,\"updatesMustBeSignedBy\":null,\"waiting\":true}]"));
    }

    @Test
    void jsonpWrapsBodiesIncludingRefusals() throws Exception {
        start(null);
        clock = 1795532047456L;
        Response r = get("/health?jsonp=cb", auth());
        assertEquals("HTTP/1.1 200 OK\nContent-Length: 128\nContent-Type: application/javascript\nKeep-Alive: timeout=5, max=5\n",
                r.head());
        assertEquals("cb({\"clock\":1795532047456,\"online\":true,\"version\":\"1.14.1\",\"versionBuild\":0,"
                + "\"versionMajor\":1,\"versionMinor\":14,\"versionRev\":1});", r.body());
        Response refused = get("/status?jsonp=cb");
        assertEquals(401, refused.status());
        assertEquals("cb({});", refused.body());
        assertEquals("application/javascript", refused.header("Content-Type"));
    }

    @Test
    void headAnswersGetRoutesWithoutBody() throws Exception {
        start(SpecFixtures.MEMBER_LOCAL_CONF);
        Response getStatus = get("/status", auth());
        Response head = request("HEAD", "/status", V4, null, auth());
        assertEquals("HTTP/1.1 200 OK\nAccept-Ranges: bytes\nContent-Length: " + getStatus.body().length()
                + "\nContent-Type: application/json\nKeep-Alive: timeout=5, max=5\n", head.head());
        assertEquals(404, request("HEAD", "/nothing", V4, null, auth()).status());
    }

    @Test
    void configIsTheLoadedLocalConf() throws Exception {
        start(SpecFixtures.MEMBER_LOCAL_CONF);
        Response r = get("/config", auth());
        assertEquals("83", r.header("Content-Length"));
        assertEquals(SpecFixtures.MEMBER_LOCAL_CONF, r.body());
    }

    @Test
    void keepsConnectionsForFiveRequestsWithoutHostHeader() throws Exception {
        start(null);
        try (RawHttp http = new RawHttp(V4, port)) {
            for (int i = 1; i <= 5; i++) {
                Response r = http.send("GET /health HTTP/1.1\n\n", false);
                assertEquals(200, r.status());
                if (i < 5) {
                    assertEquals("timeout=5, max=5", r.header("Keep-Alive"));
                    assertNull(r.header("Connection"));
                } else {
                    assertEquals("close", r.header("Connection"));
                    assertNull(r.header("Keep-Alive"));
                }
            }
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(V4, port)) {
            Response r = http.send("GET /health HTTP/1.1\nConnection: close\n\n", false);
            assertEquals("close", r.header("Connection"));
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aFailingNodeGivesTheReferenceErrorObject() throws Exception {
        node.status = null; // the resource then fails
        start(null);
        Response r = get("/status", auth());
        assertEquals(500, r.status());
        assertTrue(r.body().startsWith("{\"error\": 500, \"description\": \""), r.body());
        assertEquals("application/json", r.header("Content-Type"));
    }

    @Test
    void chunkedAndExpectContinueBodiesAreRead() throws Exception {
        start(null);
        try (RawHttp http = new RawHttp(V4, port)) {
            Response r = http.send("POST /moon/9999999999 HTTP/1.1\n" + auth() + "\nTransfer-Encoding: chunked\n\n"
                    + "9\n{\"seed\":\"\nb\n9999999999\"\n1\n}\n0\n\n", false);
            assertEquals(200, r.status());
            assertTrue(r.body().contains("\"waiting\":true"), r.body());
        }
        try (RawHttp http = new RawHttp(V4, port)) {
            Response cont = http.send("POST /moon/8888888888 HTTP/1.1\n" + auth()
                    + "\nExpect: 100-continue\nContent-Length: 21\n\n", true);
            assertEquals("HTTP/1.1 100 Continue", cont.statusLine());
            Response r = http.send("{\"seed\":\"8888888888\"}", false);
            assertEquals(200, r.status());
        }
    }

    private static void assertSameJson(String example, Response r) throws Exception {
        String expected = SpecExamples.text(example);
        assertEquals(200, r.status());
        assertEquals(JsonText.compact(JsonText.parse(expected)), r.body(), "compact form, keys sorted");
        assertEquals(expected, JsonText.indented(JsonText.parse(r.body()), 1) + "\n", "as zerotier-cli -j prints it");
    }

    /** http-api-transcripts.txt, "bonding endpoints when no bond is in use", and the other two bond routes. */
    @Test
    void bondRoutesAnswerAsZeroTierOneDoesWithoutBonding() throws Exception {
        start(null);
        Response show = get("/bond/show/93155eb549", auth());
        assertEquals(400, show.status());
        assertEquals("application/json", show.header("Content-Type"));
        assertEquals("{}", show.body());
        assertEquals("cb(null);", get("/bond/show/93155eb549?jsonp=cb", auth()).body());
        for (String method : new String[] {"POST", "PUT"}) {
            Response rotate = request(method, "/bond/rotate/93155EB549", V4, "{}", auth());
            assertEquals(400, rotate.status());
            assertEquals("{}", rotate.body());
            Response mtu = request(method, "/bond/setmtu/1500/eth0/fd00::1", V4, "{}", auth());
            assertEquals(400, mtu.status());
            assertEquals("application/json", mtu.header("Content-Type"), "plain text, labelled JSON as there");
            assertEquals("Bonding layer isn't active yet", mtu.body());
        }
        assertEquals("cb(Bonding layer isn't active yet);",
                request("POST", "/bond/setmtu/1500/eth0/10.0.0.1?jsonp=cb", V4, "{}", auth()).body());
        assertEquals(404, request("POST", "/bond/setmtu/1500/eth0//", V4, "{}", auth()).status(), "no ip: no route");
        assertEquals(404, request("POST", "/bond/setmtu/1234567/eth0/10.0.0.1", V4, "{}", auth()).status());
        assertEquals(404, get("/bond/show/93155eb5", auth()).status());
        assertEquals(401, get("/bond/show/93155eb549").status(), "behind the token like the rest");
    }

    @Test
    void multicastSubscriptionsAreThePortsGroupsAsZeroTierOneWritesThem() throws Exception {
        start(null);
        request("POST", "/network/93155eb5496486c9", V4, "{}", auth());
        java.util.List<net.ztj.core.network.addressing.MulticastGroup> groups = java.util.List.of(
                new net.ztj.core.network.addressing.MulticastGroup(new net.ztj.core.network.addressing.Mac(0x01005e000001L), 0),
                new net.ztj.core.network.addressing.MulticastGroup(new net.ztj.core.network.addressing.Mac(0x3333ff000001L), 0),
                net.ztj.core.network.addressing.MulticastGroup.forAddressResolution(new byte[] {10, (byte) 147, 17, 1}));
        synchronized (node) {
            node.networks.put(0x93155eb5496486c9L, node.networks.get(0x93155eb5496486c9L).withMulticastSubscriptions(groups));
        }
        String expected = "\"multicastSubscriptions\":[{\"adi\":0,\"mac\":\"01:00:5e:00:00:01\"},"
                + "{\"adi\":0,\"mac\":\"33:33:ff:00:00:01\"},{\"adi\":177410305,\"mac\":\"ff:ff:ff:ff:ff:ff\"}]";
        assertTrue(get("/network/93155eb5496486c9", auth()).body().contains(expected),
                get("/network/93155eb5496486c9", auth()).body());
        assertTrue(get("/network", auth()).body().contains(expected));
    }

    @Test
    void joinListAndLeaveANetworkWithTheReferenceShapes() throws Exception {
        start(null);
        String join = request("POST", "/network/93155eb5496486c9", V4, "{}", auth()).body();
        // the structure of network-join-response.json; mac and portDeviceName depend on the node and the id
        String expected = "{\"allowDNS\":false,\"allowDefault\":false,\"allowGlobal\":false,\"allowManaged\":true,"
                + "\"assignedAddresses\":[],\"bridge\":false,\"broadcastEnabled\":false,\"dhcp\":false,"
                + "\"dns\":{\"domain\":\"\",\"servers\":[]},\"id\":\"93155eb5496486c9\",\"mac\":\"0a:0b:0c:0d:0e:0f\","
                + "\"mtu\":2800,\"multicastSubscriptions\":[],\"name\":\"\",\"netconfRevision\":0,"
                + "\"nwid\":\"93155eb5496486c9\",\"portDeviceName\":\"ztezodum4a\",\"portError\":0,\"routes\":[],"
                + "\"status\":\"REQUESTING_CONFIGURATION\",\"type\":\"PRIVATE\"}";
        assertEquals(expected, join);
        assertEquals("\n", java.nio.file.Files.readString(dir.resolve("networks.d/93155eb5496486c9.conf")));
        assertEquals("allowManaged=1\nallowGlobal=0\nallowDefault=0\nallowDNS=0\n",
                java.nio.file.Files.readString(dir.resolve("networks.d/93155eb5496486c9.local.conf")));

        String set = request("POST", "/network/93155eb5496486c9", V4, "{\"allowGlobal\":true,\"allowDNS\":\"true\"}", auth()).body();
        assertTrue(set.contains("\"allowGlobal\":true") && set.contains("\"allowDNS\":false"), set);
        assertEquals("[" + set + "]", get("/network", auth()).body());
        assertEquals(set, get("/network/93155EB5496486C9", auth()).body());

        Response unknown = get("/network/1234567890abcdef", auth());
        assertEquals("{}", unknown.body());
        assertEquals(404, unknown.status());
        assertEquals("{\"result\":true}", request("DELETE", "/network/93155eb5496486c9", V4, null, auth()).body());
        assertEquals("{}", request("DELETE", "/network/93155eb5496486c9", V4, null, auth()).body());
        assertFalse(java.nio.file.Files.exists(dir.resolve("networks.d/93155eb5496486c9.conf")));
        assertEquals("[]", get("/network", auth()).body());
        assertEquals(List.of("join 93155eb5496486c9", "join 93155eb5496486c9", "leave 93155eb5496486c9",
                "leave 93155eb5496486c9"), node.commands);
    }

    @Test
    void controllerApiCreatesNetworksAndMembersWithZeroTiersShapes() throws Exception {
        controller = java.util.Optional.of(net.ztj.controller.store.SqliteControllerStore.open(dir.resolve("controller.d")));
        start(null);
        String status = get("/controller", auth()).body();
        assertTrue(status.startsWith("{\"apiVersion\":4,\"clock\":") && status.endsWith(",\"controller\":true,\"databaseReady\":true}"), status);
        assertEquals(400, request("POST", "/controller/network/0123456789______", V4, "{}", auth()).status());
        Response created = request("POST", "/controller/network/ed7e70d932______", V4,
                "{\"name\":\"lab\",\"v4AssignMode\":{\"zt\":true},\"routes\":[{\"target\":\"10.1.2.0/24\"}]}", auth());
        assertEquals(200, created.status());
        com.fasterxml.jackson.databind.JsonNode net = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body());
        String id = net.get("id").asText();
        assertTrue(id.startsWith("ed7e70d932"), id);
        assertEquals("lab", net.get("name").asText());
        assertEquals("[\"" + id + "\"]", get("/controller/network", auth()).body());
        assertEquals(400, request("POST", "/controller/network/" + id, V4, "{not json", auth()).status());
        assertEquals(400, request("POST", "/controller/network/" + id, V4, "{\"mtu\":{\"x\":1},\"name\":[1]}", auth()).status(),
                "ill-typed fields are refused");
        assertEquals("lab", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/controller/network/" + id, auth()).body()).get("name").asText(), "nothing stored");

        Response member = request("POST", "/controller/network/" + id + "/member/0badc0ffee", V4, "{\"authorized\":true}", auth());
        assertEquals(200, member.status());
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(member.body());
        assertTrue(m.get("authorized").asBoolean());
        assertEquals("api", m.get("lastAuthorizedCredentialType").asText());
        assertEquals("{\"0badc0ffee\":" + m.get("revision").asLong() + "}", get("/controller/network/" + id + "/member", auth()).body());
        assertEquals(404, request("POST", "/controller/network/0000000000000001/member/0badc0ffee", V4, "{}", auth()).status());
        com.fasterxml.jackson.databind.JsonNode listing = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/unstable/controller/network", auth()).body());
        assertEquals(1, listing.path("meta").path("networkCount").asInt());
        assertEquals(id, listing.path("data").get(0).path("id").asText());
        assertEquals(1, listing.path("data").get(0).path("meta").path("authorizedMemberCount").asInt());
        com.fasterxml.jackson.databind.JsonNode members = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/unstable/controller/network/" + id + "/member", auth()).body());
        assertEquals(1, members.path("meta").path("totalCount").asInt());
        assertEquals("0badc0ffee", members.path("data").get(0).path("address").asText());
        assertEquals(404, get("/unstable/controller/network/0000000000000001/member", auth()).status());
        assertEquals(200, request("DELETE", "/controller/network/" + id + "/member/0badc0ffee", V4, null, auth()).status());
        assertEquals(404, get("/controller/network/" + id + "/member/0badc0ffee", auth()).status());
        assertEquals(200, request("DELETE", "/controller/network/" + id, V4, null, auth()).status());
        assertEquals("[]", get("/controller/network", auth()).body());
    }

    /** Every controller write path: a body that fails validation is answered 400 and leaves the store as it was. */
    @Test
    void rejectedControllerWritesStoreNothing() throws Exception {
        controller = java.util.Optional.of(net.ztj.controller.store.SqliteControllerStore.open(dir.resolve("controller.d")));
        start(null);
        String illTyped = "{\"name\":\"lab\",\"mtu\":{\"x\":1}}";
        String fixedId = "ed7e70d932000001";
        for (String path : List.of("/controller/network/ed7e70d932______", "/controller/network", "/controller/network/" + fixedId)) {
            for (String method : List.of("POST", "PUT")) {
                Response r = request(method, path, V4, illTyped, auth());
                assertEquals(400, r.status(), method + " " + path);
                assertTrue(r.body().contains("mtu"), r.body());
                assertEquals("[]", get("/controller/network", auth()).body(), method + " " + path + " stored a network");
            }
        }
        assertEquals(404, get("/controller/network/" + fixedId, auth()).status());

        Response created = request("POST", "/controller/network/" + fixedId, V4, "{\"name\":\"lab\"}", auth());
        assertEquals(200, created.status());
        String network = get("/controller/network/" + fixedId, auth()).body();
        assertEquals(400, request("POST", "/controller/network/" + fixedId, V4, "{\"name\":\"renamed\",\"routes\":5,"
                + "\"private\":{}}", auth()).status());
        assertEquals(network, get("/controller/network/" + fixedId, auth()).body(), "a rejected update changed the network");

        String memberPath = "/controller/network/" + fixedId + "/member/0badc0ffee";
        assertEquals(400, request("POST", memberPath, V4, "{\"authorized\":true,\"ipAssignments\":[{}]}", auth()).status());
        assertEquals(404, get(memberPath, auth()).status(), "a rejected member was created");
        assertEquals("{}", get("/controller/network/" + fixedId + "/member", auth()).body());
        assertEquals(200, request("POST", memberPath, V4, "{\"name\":\"m\"}", auth()).status());
        String member = get(memberPath, auth()).body();
        assertEquals(400, request("POST", memberPath, V4, "{\"authorized\":true,\"authenticationExpiryTime\":\"soon\"}",
                auth()).status());
        assertEquals(member, get(memberPath, auth()).body(), "a rejected update changed the member");
        assertEquals(network, get("/controller/network/" + fixedId, auth()).body());
    }

    /**
     * The rules compiler over the API: compiling answers the controller's JSON or the errors at line and column and
     * stores nothing; saving stores source and compiled fields in one revision only when the source compiles; no
     * body, however wrong, is answered 500.
     */
    @Test
    void rulesAreCompiledAndSavedOnlyWhenTheyCompile() throws Exception {
        controller = java.util.Optional.of(net.ztj.controller.store.SqliteControllerStore.open(dir.resolve("controller.d")));
        start(null);
        Response compiled = request("POST", "/controller/rules/compile", V4, rulesBody("drop not ethertype ipv4;\naccept;"), auth());
        assertEquals(200, compiled.status(), compiled.body());
        assertEquals("{\"capabilities\":[],\"rules\":[{\"etherType\":2048,\"not\":true,\"or\":false,\"type\":\"MATCH_ETHERTYPE\"},"
                + "{\"type\":\"ACTION_DROP\"},{\"type\":\"ACTION_ACCEPT\"}],\"tags\":[]}", compiled.body(), "keys sorted as every answer");

        Response failed = request("POST", "/controller/rules/compile", V4, rulesBody("accept\n  dport 99999;\nfoo;"), auth());
        assertEquals(400, failed.status());
        com.fasterxml.jackson.databind.JsonNode f = new com.fasterxml.jackson.databind.ObjectMapper().readTree(failed.body());
        assertEquals(2, f.get("errors").size(), failed.body());
        assertEquals(2, f.get("errors").get(0).get("line").asInt());
        assertEquals(9, f.get("errors").get(0).get("column").asInt());
        assertTrue(f.get("errors").get(0).get("message").asText().contains("99999"), failed.body());
        assertEquals(3, f.get("errors").get(1).get("line").asInt());
        assertEquals(1, f.get("errors").get(1).get("column").asInt());
        assertTrue(f.get("error").asText().startsWith("2 errors in the rules, the first at line 2, column 9"), failed.body());
        for (String bad : List.of("{not json", "[1]", "5", "{}", "{\"rulesSource\":5}", "{\"rulesSource\":null}",
                "{\"rulesSource\":[\"accept;\"]}", rulesBody("\u0000;;;tag tag tag"), rulesBody("macro m include m;\ninclude m"))) {
            Response r = request("POST", "/controller/rules/compile", V4, bad, auth());
            assertEquals(400, r.status(), bad + " -> " + r.body());
            assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("errors").isArray(), r.body());
        }
        Response empty = request("POST", "/controller/rules/compile", V4, "", auth());
        assertEquals(400, empty.status(), "an empty body has no rulesSource");
        assertEquals("[]", get("/controller/network", auth()).body(), "compiling stored something");

        String id = "ed7e70d932000002";
        assertEquals(404, request("POST", "/controller/network/" + id + "/rules", V4, rulesBody("accept;"), auth()).status());
        assertEquals(200, request("POST", "/controller/network/" + id, V4, "{\"name\":\"lab\"}", auth()).status());
        String before = get("/controller/network/" + id, auth()).body();
        assertEquals(400, request("POST", "/controller/network/" + id + "/rules", V4, rulesBody("accept ipsrc 10.0.0.300/8;"),
                auth()).status());
        assertEquals(400, request("POST", "/controller/network/" + id + "/rules", V4, "{\"rules\":[]}", auth()).status());
        assertEquals(before, get("/controller/network/" + id, auth()).body(), "a rejected rule source changed the network");

        String source = "tag role id 5 enum 1 admin default admin;\ncap ssh id 7 accept dport 22;;\n"
                + "drop not ethertype ipv4 and not ethertype arp;\naccept teq role admin;\n";
        Response saved = request("PUT", "/controller/network/" + id + "/rules", V4, rulesBody(source), auth());
        assertEquals(200, saved.status(), saved.body());
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(saved.body());
        com.fasterxml.jackson.databind.JsonNode old = new com.fasterxml.jackson.databind.ObjectMapper().readTree(before);
        assertEquals(old.get("revision").asLong() + 1, n.get("revision").asLong(), "one save");
        assertEquals(source, n.get("rulesSource").asText());
        assertEquals("lab", n.get("name").asText());
        assertEquals("[{\"default\":1,\"id\":5}]", n.get("tags").toString());
        assertEquals("[{\"default\":false,\"id\":7,\"rules\":[{\"end\":22,\"not\":false,\"or\":false,\"start\":22,"
                + "\"type\":\"MATCH_IP_DEST_PORT_RANGE\"},{\"type\":\"ACTION_ACCEPT\"}]}]", n.get("capabilities").toString());
        assertEquals(5, n.get("rules").size(), saved.body());
        assertEquals("MATCH_TAGS_EQUAL", n.get("rules").get(3).get("type").asText());
        assertEquals(saved.body(), get("/controller/network/" + id, auth()).body());
        assertEquals(JsonText.compact(JsonText.object().put("generated", false).put("rulesSource", source)),
                get("/controller/network/" + id + "/rules", auth()).body(), "the stored source while it gives the rules");

        assertEquals(200, request("POST", "/controller/network/" + id, V4, "{\"rules\":[{\"type\":\"ACTION_DROP\"}]}",
                auth()).status());
        assertEquals(JsonText.compact(JsonText.object().put("generated", true)
                        .put("rulesSource", "tag tag_5 id 5 default 1;\ncap cap_7 id 7\n\taccept dport 22;\n;\ndrop;\n")),
                get("/controller/network/" + id + "/rules", auth()).body(), "rules set as JSON are written as source");
        assertEquals(404, get("/controller/network/0000000000000009/rules", auth()).status());
    }

    private static String rulesBody(String source) {
        return JsonText.compact(JsonText.object().put("rulesSource", source));
    }
}
