package net.ztj.cli.zerotiercli;

import net.ztj.cli.zerotiercli.CliHarness.Result;
import net.ztj.service.api.http.HttpRequest;
import net.ztj.service.api.http.HttpResponse;
import net.ztj.service.json.JsonText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network commands against a stub API that answers /network as the captured member node did (the service's own
 * network routes do not exist yet), checked against cli-text-outputs.txt and cli-get-set-errors.txt.
 */
class ZeroTierCliNetworkTest {
    @TempDir
    Path dir;

    private final List<String> requests = new ArrayList<>();
    private volatile String networks = compact(CliHarness.example("networks-member-ok.json"));
    private CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliHarness(this::answer, dir);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private static String compact(String json) {
        try {
            return JsonText.compact(JsonText.parse(json));
        } catch (JsonText.SyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The stub API; {@code networks == null} makes /network answer 404 with an empty body. */
    private HttpResponse answer(HttpRequest r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        requests.add(r.method() + " " + r.path() + (body.isEmpty() ? "" : " " + body));
        if (!CliHarness.TOKEN.equals(r.header("X-ZT1-Auth").orElse(""))) return HttpResponse.of(401, "application/json", "{}");
        if (networks == null) return HttpResponse.empty(404);
        String one = networks.substring(1, networks.length() - 1);
        return switch (r.method() + " " + r.path()) {
            case "GET /network" -> HttpResponse.of(200, "application/json", networks);
            case "GET /status" -> HttpResponse.of(200, "application/json", "{\"address\":\"ed7e70d932\"}");
            case "GET /peer" -> HttpResponse.of(200, "application/json", "[]");
            case "POST /network/93155eb5496486c9" -> HttpResponse.of(200, "application/json", one);
            case "DELETE /network/1234567890123456" -> HttpResponse.of(200, "application/json", "{}");
            default -> HttpResponse.empty(404);
        };
    }

    private static void assertOutput(String expected, int exit, Result r) {
        assertEquals(expected, r.out());
        assertEquals("", r.err());
        assertEquals(exit, r.exit());
    }

    @Test
    void listnetworksOfAnAuthorizedMember() {
        assertOutput("""
                200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>
                200 listnetworks 93155eb5496486c9 spec-test ca:6b:1a:39:6c:6c OK PRIVATE ztezodum4a fd93:155e:b549:6486:c999:93ed:7e70:d932/88,fcda:71d8:7ced:7e70:d932::1/40,10.147.20.130/24
                """, 0, cli.cli("listnetworks"));
        assertOutput(CliHarness.example("networks-member-ok.json"), 0, cli.cli("-j", "listnetworks"));
        networks = "[{\"id\":\"93155eb5496486c9\",\"nwid\":\"93155eb5496486c9\",\"name\":\"\",\"mac\":\"ca:6b:1a:39:6c:6c\","
                + "\"status\":\"REQUESTING_CONFIGURATION\",\"type\":\"PRIVATE\",\"portDeviceName\":\"ztezodum4a\","
                + "\"assignedAddresses\":[]}]";
        assertOutput("""
                200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>
                200 listnetworks 93155eb5496486c9  ca:6b:1a:39:6c:6c REQUESTING_CONFIGURATION PRIVATE ztezodum4a -
                """, 0, cli.cli("listnetworks"));
        networks = "[]";
        assertOutput("200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>\n", 0, cli.cli("listnetworks"));
        assertOutput("[]\n", 0, cli.cli("-j", "listnetworks"));
    }

    @Test
    void ssoLines() {
        cli.clockMs = 1_000_000;
        networks = "[{\"nwid\":\"1\",\"ssoEnabled\":true,\"status\":\"AUTHENTICATION_REQUIRED\"},"
                + "{\"nwid\":\"2\",\"ssoEnabled\":true,\"status\":\"OK\",\"authenticationExpiryTime\":1090500}]";
        assertOutput("""
                200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>
                200 listnetworks 1 - - AUTHENTICATION_REQUIRED - - -
                    AUTH EXPIRED, URL: (null)
                200 listnetworks 2 - - OK - - -
                    AUTH OK, expires in: 90 seconds
                """, 0, cli.cli("listnetworks"));
    }

    @Test
    void getPrintsFieldsAndAddresses() {
        String nwid = "93155eb5496486c9";
        assertOutput("fd93:155e:b549:6486:c999:93ed:7e70:d932\nfcda:71d8:7ced:7e70:d932::1\n10.147.20.130\n", 0, cli.cli("get", nwid, "ip"));
        assertOutput("10.147.20.130\n", 0, cli.cli("get", nwid, "ip4"));
        assertOutput("fd93:155e:b549:6486:c999:93ed:7e70:d932\nfcda:71d8:7ced:7e70:d932::1\n", 0, cli.cli("get", nwid, "ip6"));
        assertOutput("fcda:71d8:7ced:7e70:d932::1\n", 0, cli.cli("get", nwid, "ip6plane"));
        assertOutput("fcda:71d8:7ced:7e70:d932\n", 0, cli.cli("get", nwid, "ip6prefix"));
        assertOutput("spec-test\n", 0, cli.cli("get", nwid, "name"));
        assertOutput("OK\n", 0, cli.cli("get", nwid, "status"));
        assertOutput("2800\n", 0, cli.cli("get", nwid, "mtu"));
        assertOutput("ztezodum4a\n", 0, cli.cli("get", nwid, "portDeviceName"));
        assertOutput("1\n", 0, cli.cli("get", nwid, "allowManaged"));
        assertOutput("error, unknown property name\n", 0, cli.cli("get", nwid, "routes"));
        assertOutput("error, unknown property name\n", 0, cli.cli("get", nwid, "bogus"));
    }

    @Test
    void getKeepsTheReferenceLineBreakQuirk() {
        networks = "[{\"id\":\"1234567890abcdef\",\"assignedAddresses\":[\"fcda::1/40\",\"fd00::2/88\",\"10.0.0.1/8\"]}]";
        assertOutput("fcda::1\n\n", 0, cli.cli("get", "1234567890abcdef", "ip6plane"));
        networks = "[{\"id\":\"1234567890abcdef\",\"assignedAddresses\":[\"10.0.0.1/8\"]}]";
        assertOutput("\n", 0, cli.cli("get", "1234567890abcdef", "ip6"));
    }

    @Test
    void getAndSetArgumentErrors() {
        Result unknown = cli.cli("get", "1234567890123456", "ip");
        assertEquals("", unknown.out());
        assertEquals("unknown network ID, check that you are a member of the network\n", unknown.err());
        assertEquals(0, unknown.exit());
        Result shortId = cli.cli("get", "123", "ip");
        assertEquals("invalid format: must be a 16-digit (network) ID\n", shortId.err());
        assertEquals(2, shortId.exit());
        Result noName = cli.cli("get", "93155eb5496486c9");
        assertEquals("invalid format: include a property name to get\n", noName.err());
        assertEquals(2, noName.exit());
        Result setNoName = cli.cli("set", "93155eb5496486c9");
        assertEquals("invalid format: include a property name to set\n", setNoName.err());
        assertEquals(2, setNoName.exit());
        Result noEquals = cli.cli("set", "93155eb5496486c9", "allowGlobal");
        assertEquals(2, noEquals.exit());
        assertEquals("", noEquals.out());
        assertTrue(noEquals.err().startsWith("ZeroTier One version 1.14.1 build 0 (platform 1 arch "), noEquals.err());
        assertOutput("invalid network id\n", 2, cli.cli("join", "123"));
        assertOutput("invalid network id\n", 2, cli.cli("leave", "93155eb5496486c"));
    }

    @Test
    void setSendsOnlyTheFourFlagsAndPrintsTheRawBody() {
        Result r = cli.cli("set", "93155eb5496486c9", "allowDNS=1");
        assertEquals(0, r.exit());
        assertEquals(networks.substring(1, networks.length() - 1), r.out(), "raw compact JSON, no newline");
        assertEquals("POST /network/93155eb5496486c9 {\"allowDNS\":true}", requests.getLast());
        cli.cli("set", "93155eb5496486c9", "allowGlobal=yes");
        assertEquals("POST /network/93155eb5496486c9 {\"allowGlobal\":false}", requests.getLast());
        cli.cli("set", "93155eb5496486c9", "allowGlobal=true");
        assertEquals("POST /network/93155eb5496486c9 {\"allowGlobal\":true}", requests.getLast());
        cli.cli("set", "93155eb5496486c9", "allowDefault=0");
        assertEquals("POST /network/93155eb5496486c9 {\"allowDefault\":false}", requests.getLast());
        int sent = requests.size();
        assertOutput("", 0, cli.cli("set", "93155eb5496486c9", "mtu=1500"));
        assertEquals(sent, requests.size(), "nothing is sent for other names");
    }

    @Test
    void joinAndLeave() {
        assertOutput("200 join OK\n", 0, cli.cli("join", "93155eb5496486c9"));
        assertEquals("POST /network/93155eb5496486c9 {}", requests.getLast());
        assertOutput("200 leave OK\n", 0, cli.cli("leave", "1234567890123456"));
        assertOutput("{}", 0, cli.cli("-j", "leave", "1234567890123456"));
        assertEquals("DELETE /network/1234567890123456", requests.getLast());
    }

    @Test
    void dumpWritesTheSectionsWithoutTruncating() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("local.conf"), "{\n    \"settings\": {}\n}");
        Path file = dir.resolve("zerotier_dump.txt");
        String tail = "#".repeat(100_000);
        Files.writeString(file, tail);
        Result r = cli.cli("-D" + home, "dump");
        assertOutput("Writing dump to: " + file.toAbsolutePath() + "\n", 0, r);
        String dump = Files.readString(file);
        assertTrue(dump.startsWith("platform: Linux\nzerotier version: 1.14.1\n\nstatus\n------\n{\"address\":\"ed7e70d932\"}\n\n"
                + "networks\n--------\n" + networks + "\n\npeers\n-----\n[]\n\nlocal.conf\n----------\n{\n    \"settings\": {}\n}\n\n"
                + "Network Interfaces\n------------------\n\n"), dump.substring(0, 200));
        assertTrue(dump.endsWith("####"), "an old longer file keeps its tail");
        Files.delete(file);
        cli.cli("-D" + dir.resolve("nowhere"), "dump");
        assertTrue(Files.readString(file).contains("local.conf\n----------\nNone Present\n"));
        Files.delete(file);
        net.ztj.service.testing.Umask.with(0, () -> cli.cli("-D" + home, "dump"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "0644 whatever the umask");
    }

    @Test
    void dumpNeedsAllThreeRoutes() {
        networks = null;
        Result r = cli.cli("dump");
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("Error connecting to the ZeroTier service: "), r.out());
    }
}
