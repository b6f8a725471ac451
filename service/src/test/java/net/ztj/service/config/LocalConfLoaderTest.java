package net.ztj.service.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** local.conf: refused when not a JSON object; settings read leniently (spec 05 §4.4), ill-typed ones named. */
class LocalConfLoaderTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private LocalConf parse(String text) throws LocalConfException {
        return LocalConfLoader.parse(text, warnings::add);
    }

    @Test
    void textThatIsNotAJsonObjectIsRefusedWithTheReferenceReason() {
        assertEquals("invalid JSON", assertThrows(LocalConfException.class, () -> parse("{bad json")).getMessage());
        assertEquals("invalid JSON", assertThrows(LocalConfException.class, () -> parse(" \n")).getMessage());
        assertEquals("invalid JSON", assertThrows(LocalConfException.class, () -> parse("{} x")).getMessage());
        assertEquals("root element is not a JSON object",
                assertThrows(LocalConfException.class, () -> parse("[1,2]")).getMessage());
        assertEquals("root element is not a JSON object",
                assertThrows(LocalConfException.class, () -> parse("\"s\"")).getMessage());
    }

    @Test
    void missingOrEmptyFileIsNoConfiguration() throws Exception {
        assertEquals(ServiceSettings.defaults(), LocalConfLoader.load(dir.resolve("local.conf"), warnings::add).settings());
        Files.writeString(dir.resolve("local.conf"), "");
        LocalConf conf = LocalConfLoader.load(dir.resolve("local.conf"), warnings::add);
        assertEquals(ServiceSettings.defaults(), conf.settings());
        assertTrue(conf.document().isEmpty());
        Files.writeString(dir.resolve("local.conf"), "[]");
        assertThrows(LocalConfException.class, () -> LocalConfLoader.load(dir.resolve("local.conf"), warnings::add));
    }

    @Test
    void wellTypedSettingsAreBound() throws Exception {
        LocalConf conf = parse("""
                {"settings":{"primaryPort":19993,"secondaryPort":"29964","allowSecondaryPort":false,
                 "allowManagementFrom":["10.55.0.0/24","fd55::/64"],"bind":["127.0.0.1","::1"],
                 "interfacePrefixBlacklist":["docker"],"softwareUpdate":"apply","someFutureKey":{"x":1}},
                 "physical":{"10.0.0.0/8":{"blacklist":true}}}""");
        ServiceSettings s = conf.settings();
        assertEquals(OptionalInt.of(19993), s.primaryPort());
        assertEquals(29964, s.secondaryPort());
        assertFalse(s.allowSecondaryPort());
        assertEquals(List.of(IpNetwork.parse("10.55.0.0/24").orElseThrow(), IpNetwork.parse("fd55::/64").orElseThrow()),
                s.allowManagementFrom());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), s.bind());
        assertEquals(List.of("docker"), s.interfacePrefixBlacklist());
        assertEquals("apply", s.softwareUpdate());
        assertEquals(List.of("WARNING: local.conf: settings.someFutureKey is not a setting ZeroTier One knows; kept but not used"),
                warnings, "an unknown key is named, not silently ignored");
        assertTrue(conf.document().get("settings").has("someFutureKey"), "unknown keys are kept for /status");
        assertTrue(conf.document().has("physical"));
    }

    @Test
    void portMappingSettingsAreBound() throws Exception {
        assertTrue(ServiceSettings.defaults().portMappingEnabled(), "on by default, as in ZeroTier One");
        assertEquals(0, ServiceSettings.defaults().tertiaryPort());
        ServiceSettings s = parse("{\"settings\":{\"portMappingEnabled\":false,\"tertiaryPort\":29999}}").settings();
        assertFalse(s.portMappingEnabled());
        assertEquals(29999, s.tertiaryPort());
        assertEquals(70000 & 0xffff, parse("{\"settings\":{\"tertiaryPort\":70000}}").settings().tertiaryPort(),
                "masked to 16 bits as the reference does");
    }

    @Test
    void tcpRelaySettingsAreBound() throws Exception {
        ServiceSettings d = ServiceSettings.defaults();
        assertEquals(new net.ztj.transport.tcprelay.TcpFallbackSettings(true, false,
                net.ztj.core.wire.Endpoint.parse("204.80.128.1/443")), d.tcpFallback());
        ServiceSettings s = parse("""
                {"settings":{"allowTcpFallbackRelay":true,"forceTcpRelay":true,"tcpFallbackRelay":"192.0.0.14/443"}}""").settings();
        assertEquals(new net.ztj.transport.tcprelay.TcpFallbackSettings(true, true,
                net.ztj.core.wire.Endpoint.parse("192.0.0.14/443")), s.tcpFallback());
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertFalse(parse("{\"settings\":{\"allowTcpFallbackRelay\":false}}").settings().tcpFallback().allowed());
    }

    @Test
    void aTcpRelayThatIsNotAnIpv4EndpointIsNamedAndTheDefaultKept() throws Exception {
        for (String bad : List.of("\"relay.example.com/443\"", "\"2001:db8::1/443\"", "\"192.0.0.14\"", "443")) {
            warnings.clear();
            ServiceSettings s = parse("{\"settings\":{\"tcpFallbackRelay\":" + bad + "}}").settings();
            assertEquals(net.ztj.core.wire.Endpoint.parse("204.80.128.1/443"), s.tcpFallbackRelay(), bad);
            assertEquals(1, warnings.size(), bad);
            assertTrue(warnings.get(0).contains("settings.tcpFallbackRelay"), warnings.get(0));
        }
    }

    @Test
    void illTypedValuesAreReadAsTheReferenceReadsThemAndNamed() throws Exception {
        ServiceSettings s = parse("""
                {"settings":{"primaryPort":"abc","secondaryPort":{"p":1},"allowSecondaryPort":"yes",
                 "allowTcpFallbackRelay":0,"forceTcpRelay":[true],"allowManagementFrom":["nonsense","10.1.2.3"],
                 "bind":"127.0.0.1"}}""").settings();
        assertEquals(OptionalInt.of(0), s.primaryPort(), "strtoull(\"abc\") is 0: a random port, as in the reference");
        assertEquals(0, s.secondaryPort(), "an object is ignored");
        assertFalse(s.allowSecondaryPort(), "only t, T or 1 at the start of a string mean true");
        assertFalse(s.allowTcpFallbackRelay(), "a number is true when not zero");
        assertFalse(s.forceTcpRelay(), "an array is ignored");
        assertEquals(List.of(IpNetwork.parse("10.1.2.3").orElseThrow()), s.allowManagementFrom());
        assertEquals(List.of(), s.bind());
        assertEquals(List.of(
                "WARNING: local.conf: settings.primaryPort: \"abc\" is not a number; read as 0",
                "WARNING: local.conf: settings.secondaryPort: {\"p\":1} is not a number; ignored",
                "WARNING: local.conf: settings.allowSecondaryPort: \"yes\" is not a boolean; read as false",
                "WARNING: local.conf: settings.forceTcpRelay: [true] is not a boolean; ignored",
                "WARNING: local.conf: settings.bind: \"127.0.0.1\" is not an array; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: \"nonsense\" is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: \"10.1.2.3\" has no /bits; read as 10.1.2.3/0, "
                        + "which allows every IPv4 address"),
                warnings);
    }

    /** allowManagementFrom: one warning line per entry that is ignored or means more or less than it seems to. */
    @Test
    void allowManagementFromEntriesWithoutBitsOrUnparsableAreNamed() throws Exception {
        ServiceSettings s = parse("""
                {"settings":{"allowManagementFrom":["10.1.2.0/24","192.168.1.7","fd00::1","::","fd00::/8",
                 "10.1.2.3/x",{"ip":"10.0.0.1"},"",null,42,"300.1.1.1/8","fd00::zz/64"]}}""").settings();
        assertEquals(List.of("10.1.2.0/24", "192.168.1.7/0", "fd00::1/0", "::/0", "fd00::/8", "10.1.2.3/0"),
                s.allowManagementFrom().stream().map(IpNetwork::toString).toList());
        assertEquals(List.of(
                "WARNING: local.conf: settings.allowManagementFrom: \"192.168.1.7\" has no /bits; read as 192.168.1.7/0, "
                        + "which allows every IPv4 address",
                "WARNING: local.conf: settings.allowManagementFrom: \"fd00::1\" has no /bits; read as fd00::1/0, "
                        + "which allows no address",
                "WARNING: local.conf: settings.allowManagementFrom: \"::\" has no /bits; read as ::/0, "
                        + "which allows every IPv6 address",
                "WARNING: local.conf: settings.allowManagementFrom: \"10.1.2.3/x\" has unreadable /bits; read as 10.1.2.3/0, "
                        + "which allows every IPv4 address",
                "WARNING: local.conf: settings.allowManagementFrom: {\"ip\":\"10.0.0.1\"} is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: \"\" is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: null is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: 42 is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: \"300.1.1.1/8\" is not an IP network; ignored",
                "WARNING: local.conf: settings.allowManagementFrom: \"fd00::zz/64\" is not an IP network; ignored"),
                warnings);
        // what the entries without bits mean, as ZeroTier One matches them
        IpNetwork v4 = s.allowManagementFrom().get(1), v6 = s.allowManagementFrom().get(2), any6 = s.allowManagementFrom().get(3);
        assertTrue(v4.contains(new byte[] {8, 8, 8, 8}));
        assertFalse(v6.contains(IpNetwork.parse("fd00::1").orElseThrow().ip()));
        assertTrue(any6.contains(IpNetwork.parse("2001:db8::1").orElseThrow().ip()));
    }

    @Test
    void aPrimaryPortOfTheWrongKindLeavesTheCommandLinePort() throws Exception {
        assertEquals(OptionalInt.empty(), parse("{\"settings\":{\"primaryPort\":null}}").settings().primaryPort());
        assertEquals(OptionalInt.of(70000 & 0xffff), parse("{\"settings\":{\"primaryPort\":70000}}").settings().primaryPort());
        assertEquals(OptionalInt.of(1), parse("{\"settings\":{\"primaryPort\":true}}").settings().primaryPort());
        assertEquals(ServiceSettings.defaults(), parse("{\"settings\":5}").settings());
        assertTrue(warnings.contains("WARNING: local.conf: settings.primaryPort: null is not a number; ignored"), warnings.toString());
        assertTrue(warnings.contains("WARNING: local.conf: settings: 5 is not an object; ignored"), warnings.toString());
    }

    private ControllerDb controllerDb(String settings) throws LocalConfException {
        return parse("{\"settings\":" + settings + "}").settings().controllerDb();
    }

    private String refusal(String settings) {
        return assertThrows(LocalConfException.class, () -> controllerDb(settings)).getMessage();
    }

    @Test
    void theApiNeverShowsTheControllerDatabasePassword() throws Exception {
        LocalConf conf = parse("{\"settings\":{\"controllerDb\":{\"type\":\"postgres\",\"url\":\"jdbc:postgresql://db/ztc\","
                + "\"password\":\"hunter2\"}}}");
        String shown = conf.publicDocument().toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertTrue(shown.contains("\"password\":\"********\""), shown);
        assertTrue(conf.document().toString().contains("hunter2"), "the daemon itself still reads it");
        LocalConf legacy = parse("{\"settings\":{\"controllerDbPath\":\"postgres:host=db dbname=ztc password=s3cret user=z\"}}");
        assertEquals("postgres:host=db dbname=ztc password=******** user=z",
                legacy.publicDocument().path("settings").path("controllerDbPath").asText());
    }

    @Test
    void controllerDbIsSqliteInTheHomeByDefault() throws Exception {
        assertEquals(ControllerDb.DEFAULT, controllerDb("{}"));
        assertEquals(new ControllerDb.Sqlite(java.util.Optional.empty()), ControllerDb.DEFAULT);
        assertEquals(ControllerDb.DEFAULT, LocalConf.none().settings().controllerDb());
    }

    @Test
    void controllerDbBindsSqliteAndPostgres() throws Exception {
        assertEquals(new ControllerDb.Sqlite(java.util.Optional.of("/var/lib/ctl")),
                controllerDb("{\"controllerDb\":{\"type\":\"sqlite\",\"path\":\"/var/lib/ctl\"}}"));
        assertEquals(new ControllerDb.Sqlite(java.util.Optional.of("ctl.d")), controllerDb("{\"controllerDbPath\":\"ctl.d\"}"));
        assertEquals(new ControllerDb.Postgres("jdbc:postgresql://db.example:5433/ztc", java.util.Optional.of("ztc"),
                        java.util.Optional.empty(), java.util.Optional.of("ctl.pw")),
                controllerDb("""
                        {"controllerDb":{"type":"postgres","url":"jdbc:postgresql://db.example:5433/ztc","user":"ztc",
                         "passwordFile":"ctl.pw"}}"""));
        assertEquals(new ControllerDb.Postgres("jdbc:postgresql://10.0.0.5:5432/zt", java.util.Optional.of("zt"),
                        java.util.Optional.of("s3cret"), java.util.Optional.empty()),
                controllerDb("{\"controllerDbPath\":\"postgres:host=10.0.0.5 dbname=zt user=zt password=s3cret\"}"));
        assertEquals("jdbc:postgresql://[::1]:6000/zt?sslmode=require", ((ControllerDb.Postgres)
                controllerDb("{\"controllerDbPath\":\"postgres:host=::1 port=6000 dbname=zt sslmode=require\"}")).url());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aControllerDbThatNamesNoUsableDatabaseIsRefused() {
        assertTrue(refusal("{\"controllerDb\":\"postgres\"}").contains("is not an object"));
        assertTrue(refusal("{\"controllerDb\":{}}").contains("type is missing"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"lf\"}}").contains("\"lf\" is not supported"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"postgres\"}}").contains("url is missing"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"postgres\",\"url\":\"postgres://h/db\"}}")
                .contains("not a jdbc:postgresql: URL"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"postgres\",\"url\":\"jdbc:postgresql://h/db\",\"user\":7}}")
                .contains("settings.controllerDb.user: 7 is not a non-empty string"));
        assertTrue(refusal("""
                {"controllerDb":{"type":"postgres","url":"jdbc:postgresql://h/db","password":"a","passwordFile":"f"}}""")
                .contains("password and passwordFile both set"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"sqlite\",\"url\":\"jdbc:postgresql://h/db\"}}")
                .contains("url does not apply to sqlite"));
        assertTrue(refusal("{\"controllerDb\":{\"type\":\"postgres\",\"url\":\"jdbc:postgresql://h/db\",\"pasword\":\"x\"}}")
                .contains("settings.controllerDb.pasword is not a controllerDb setting"));
        assertTrue(refusal("{\"controllerDbPath\":5}").contains("is not a path or a postgres: connection string"));
        assertTrue(refusal("{\"controllerDbPath\":\"postgres:host=h\"}").contains("needs dbname="));
        assertTrue(refusal("{\"controllerDbPath\":\"postgres:dbname=x connect_timeout=3\"}")
                .contains("\"connect_timeout\" is not a supported postgres: keyword"));
        assertTrue(refusal("{\"controllerDbPath\":\"d\",\"controllerDb\":{\"type\":\"sqlite\"}}").contains("both set"));
    }
}
