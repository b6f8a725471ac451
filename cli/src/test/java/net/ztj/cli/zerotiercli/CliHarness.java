package net.ztj.cli.zerotiercli;

import net.ztj.cli.ToolIo;
import net.ztj.service.api.ApiServer;
import net.ztj.service.api.http.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs zerotier-cli in-process against an API server on the loopback interface, with a settable clock. */
final class CliHarness implements AutoCloseable {
    static final String TOKEN = "xg0jdyd4y9g1p1a2yq6dp3kf";

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {}

    private final ApiServer server;
    final Path cwd;
    long clockMs;
    Map<String, String> env = Map.of();

    CliHarness(HttpHandler handler, Path cwd) throws ApiServer.BindException {
        this.server = ApiServer.start(0, false, handler, new PrintStream(new ByteArrayOutputStream()));
        this.cwd = cwd;
    }

    int port() {
        return server.port();
    }

    /** zerotier-cli with {@code -p<port> -T<token>} put first, then the given arguments. */
    Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("-p" + port(), "-T" + TOKEN));
        all.addAll(List.of(args));
        return bare(all.toArray(String[]::new));
    }

    /** zerotier-cli with exactly these arguments. */
    Result bare(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                cwd, new SecureRandom(), () -> clockMs);
        int exit = ZeroTierCli.run("zerotier-cli", args, io, env);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String example(String name) {
        try (InputStream in = CliHarness.class.getResourceAsStream("/cli-examples/" + name)) {
            if (in == null) throw new IllegalArgumentException("no example " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
