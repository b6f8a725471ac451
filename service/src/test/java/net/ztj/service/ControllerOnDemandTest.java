package net.ztj.service;

import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that serves no network (a root, an ordinary member) starts without its controller's database: none is
 * created and SQLite is not loaded. Its controller still answers the API, and the first network created through it
 * creates the database, without a restart; after a restart the database is opened at start.
 */
class ControllerOnDemandTest {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{16})\"");

    @TempDir
    Path dir;

    private static RawHttp.Response call(int port, String token, String method, String path, String body)
            throws Exception {
        String request = method + " " + path + " HTTP/1.1\nX-ZT1-Auth: " + token + "\n"
                + (body == null ? "\n" : "Content-Type: application/json\nContent-Length: " + body.length() + "\n\n" + body);
        return RawHttp.exchange(InetAddress.getLoopbackAddress(), port, request);
    }

    @Test
    void theDatabaseIsCreatedByTheFirstNetworkAndOpenedAtTheNextStart() throws Exception {
        Path home = dir.resolve("home");
        Path db = home.resolve("controller.d").resolve(SqliteControllerStore.FILE_NAME);
        String[] created = new String[1];
        InProcessDaemon.runRealCoreOnLoopback(home, (port, token) -> {
            assertFalse(Files.exists(home.resolve("controller.d")), "no database at start");
            assertEquals("[]", call(port, token, "GET", "/controller/network", null).body());
            RawHttp.Response controller = call(port, token, "GET", "/controller", null);
            assertEquals(200, controller.status());
            assertTrue(controller.body().contains("\"controller\":true"), controller.body());
            assertFalse(Files.exists(db), "reads create nothing");

            String address = Files.readString(home.resolve("identity.public")).substring(0, 10);
            RawHttp.Response made = call(port, token, "POST", "/controller/network/" + address + "______",
                    "{\"name\":\"later\"}");
            assertEquals(200, made.status(), made.body());
            Matcher m = ID.matcher(made.body());
            assertTrue(m.find(), made.body());
            created[0] = m.group(1);
            assertTrue(created[0].startsWith(address));
            assertTrue(Files.isRegularFile(db), "the first network created the database");
            assertEquals("[\"" + created[0] + "\"]", call(port, token, "GET", "/controller/network", null).body());
        });
        InProcessDaemon.runRealCoreOnLoopback(home, (port, token) ->
                assertEquals("[\"" + created[0] + "\"]", call(port, token, "GET", "/controller/network", null).body()));
    }
}
