package net.ztj.cli.zerotiercli;

import net.ztj.cli.ToolIo;
import net.ztj.service.api.http.HttpRequest;
import net.ztj.service.api.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code set-admin-password}: the first line of standard input goes, JSON-escaped and with the token, to the daemon. */
class SetAdminPasswordCommandTest {
    @TempDir
    Path dir;

    @Test
    void sendsThePasswordFromStandardInputWithTheToken() throws Exception {
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        try (CliHarness harness = new CliHarness(r -> {
            seen.set(r);
            return HttpResponse.of(200, "application/json", "{}");
        }, dir)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = run(harness, "pass \"word\" ü\nignored\n", out);
            assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
            assertEquals("200 set-admin-password OK\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("POST", seen.get().method());
            assertEquals("/app/api/password", seen.get().path());
            assertEquals(CliHarness.TOKEN, seen.get().header("X-ZT1-Auth").orElseThrow());
            assertEquals("{\"password\":\"pass \\\"word\\\" ü\"}", new String(seen.get().body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void reportsTheDaemonsRefusal() throws Exception {
        try (CliHarness harness = new CliHarness(r -> HttpResponse.of(400, "application/json",
                "{\"error\":\"the password needs at least 8 characters\"}"), dir)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(1, run(harness, "short\n", out));
            assertEquals("400 set-admin-password {\"error\":\"the password needs at least 8 characters\"}\n",
                    out.toString(StandardCharsets.UTF_8));
            ByteArrayOutputStream none = new ByteArrayOutputStream();
            assertEquals(1, run(harness, "", none));
            assertEquals("no password on standard input\n", none.toString(StandardCharsets.UTF_8));
        }
    }

    private int run(CliHarness harness, String stdin, ByteArrayOutputStream out) {
        CliArguments args = ((CliArguments.Parsed) CliArguments.parse(new String[] {"set-admin-password"})).arguments();
        ToolIo io = new ToolIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                dir, new SecureRandom(), () -> 0);
        CliContext c = new CliContext("zerotier-cli", args, new ApiClient(new ApiTarget("127.0.0.1", harness.port(),
                CliHarness.TOKEN)), io, Map.of(), dir.toString());
        return new SetAdminPasswordCommand(() -> null,
                () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(c);
    }
}
