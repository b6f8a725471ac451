package net.ztj.service;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonText;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /config/settings} on a running daemon: each posted key replaces that setting in local.conf, the rest
 * of the file is kept, the file is replaced whole (0644, or 0600 once it holds a password), and {@code /config} and
 * {@code /status} show the change at once; a change the service would not start with is answered 400 with what is
 * wrong, and nothing is stored; a password is never shown, in answers or errors.
 */
class ConfigSettingsApiTest {
    @TempDir
    Path dir;

    private static RawHttp.Response call(int port, String token, String method, String path, String body)
            throws Exception {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return RawHttp.exchange(InetAddress.getLoopbackAddress(), port, method + " " + path + " HTTP/1.1\nX-ZT1-Auth: "
                + token + "\nContent-Length: " + length + "\n\n" + body);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void settingsAreChangedInLocalConfOrRefusedWithNothingStored() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path localConf = home.resolve("local.conf");
        Files.writeString(localConf, """
                {"physical": {"10.0.0.0/8": {"blacklist": true}}, "settings": {"allowSecondaryPort": false}}""");
        InProcessDaemon.run(home, Optional.empty(), (port, token) -> {
            RawHttp.Response ok = call(port, token, "POST", "/config/settings",
                    "{\"portMappingEnabled\": false, \"interfacePrefixBlacklist\": [\"docker\"]}");
            assertEquals(200, ok.status(), ok.body());
            assertEquals("{}", ok.body());
            JsonNode written = JsonText.parse(Files.readString(localConf));
            assertTrue(written.at("/physical/10.0.0.0~18/blacklist").booleanValue(), "other sections are kept");
            assertFalse(written.at("/settings/allowSecondaryPort").booleanValue(), "other settings are kept");
            assertFalse(written.at("/settings/portMappingEnabled").booleanValue());
            assertEquals("docker", written.at("/settings/interfacePrefixBlacklist/0").textValue());
            assertTrue(Files.readString(localConf).contains("\n    \"physical\": {\n        \"10.0.0.0/8\""),
                    "indented by 4, as the reference writes it");
            assertEquals("rw-r--r--", mode(localConf));
            JsonNode config = JsonText.parse(call(port, token, "GET", "/config", "").body());
            assertFalse(config.at("/settings/portMappingEnabled").booleanValue(), "shown by /config at once");
            JsonNode status = JsonText.parse(call(port, token, "GET", "/status", "").body());
            assertFalse(status.at("/config/settings/portMappingEnabled").booleanValue(), "and by /status");

            RawHttp.Response put = call(port, token, "PUT", "/config/settings", "{\"allowTcpFallbackRelay\": false}");
            assertEquals(200, put.status(), "PUT is the same");
            assertFalse(JsonText.parse(Files.readString(localConf)).at("/settings/allowTcpFallbackRelay").booleanValue());

            byte[] before = Files.readAllBytes(localConf);
            String[][] refused = {
                    {"not json", "not JSON"},
                    {"[1, 2]", "JSON object"},
                    {"", "JSON object"},
                    {"{\"primaryPort\": \"abc\"}", "settings.primaryPort"},
                    {"{\"allowManagementFrom\": [\"not an address\"]}", "settings.allowManagementFrom"},
                    {"{\"primaryPortt\": 9994}", "settings.primaryPortt is not a setting"},
                    {"{\"controllerDb\": {\"type\": \"mysql\"}}", "settings.controllerDb.type"},
            };
            for (String[] r : refused) {
                RawHttp.Response bad = call(port, token, "POST", "/config/settings", r[0]);
                assertEquals(400, bad.status(), r[0]);
                assertTrue(JsonText.parse(bad.body()).get("description").textValue().contains(r[1]), bad.body());
                assertArrayEquals(before, Files.readAllBytes(localConf), "nothing stored for " + r[0]);
            }
            assertFalse(JsonText.parse(call(port, token, "GET", "/config", "").body()).at("/settings").has("primaryPortt"));

            // a password is never shown, even when the setting holding it is refused
            RawHttp.Response badDb = call(port, token, "POST", "/config/settings",
                    "{\"controllerDb\": {\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/zt\", \"password\": 7}}");
            assertEquals(400, badDb.status());
            assertFalse(badDb.body().contains(":7") || badDb.body().contains(" 7 "), badDb.body());
            RawHttp.Response badPath = call(port, token, "POST", "/config/settings",
                    "{\"controllerDbPath\": \"postgres:host=db password=hunter2 nosuchkey=1\"}");
            assertEquals(400, badPath.status());
            assertFalse(badPath.body().contains("hunter2"), badPath.body());

            RawHttp.Response db = call(port, token, "POST", "/config/settings",
                    "{\"controllerDb\": {\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/zt\", \"password\": \"hunter2\"}}");
            assertEquals(200, db.status(), db.body());
            assertEquals("rw-------", mode(localConf), "a file holding a password is the owner's only");
            assertTrue(Files.readString(localConf).contains("hunter2"));
            for (String path : new String[] {"/config", "/status"}) {
                String shown = call(port, token, "GET", path, "").body();
                assertFalse(shown.contains("hunter2"), path + ": " + shown);
                assertTrue(shown.contains("********"), path);
            }
        });
    }
}
