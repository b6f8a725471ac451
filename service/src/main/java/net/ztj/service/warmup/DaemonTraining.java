package net.ztj.service.warmup;

import net.ztj.core.identity.Identity;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.core.wire.Endpoint;
import net.ztj.crypto.C25519;
import net.ztj.service.ServiceEnvironment;
import net.ztj.service.ServiceMain;
import net.ztj.service.StopSignal;
import net.ztj.service.home.IdentityStore;
import net.ztj.service.node.CoreNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The part of the ahead-of-time cache's training that starts real daemons, as {@code zerotier-one} starts them
 * (the command line, the home folder, local.conf, the identity, the UDP sockets, the node, the embedded
 * controller's store, the API), so that the classes of the way to ONLINE come from the cache: a root of a planet
 * made here and a member of it, both on loopback only (no router port mapping, no interfaces), each asked for
 * {@code GET /status} until it reports ONLINE, the member through the root.
 */
final class DaemonTraining {
    private static final Pattern ONLINE = Pattern.compile("\"online\"\\s*:\\s*true");
    private static final long ONLINE_TIMEOUT_MS = 60_000;
    private static final String LOCAL_CONF =
            "{\"settings\":{\"bind\":[\"127.0.0.1\"],\"allowSecondaryPort\":false,\"portMappingEnabled\":false,"
                    + "\"allowTcpFallbackRelay\":false}}";

    private DaemonTraining() {}

    /** Runs a root and a member in {@code scratch} until both are ONLINE, then stops them. */
    static void run(Path scratch) throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        Path rootHome = Files.createDirectories(scratch.resolve("root"));
        Path memberHome = Files.createDirectories(scratch.resolve("member"));
        Identity root;
        try {
            root = new IdentityStore(rootHome).loadOrGenerate(random, w -> { });
        } catch (IdentityStore.InvalidStoredIdentityException e) {
            throw new IOException(e); // a new scratch folder holds none
        }
        int rootPort = freeUdpPort();
        C25519.KeyPair key = C25519.generate(random);
        World planet = World.sign(WorldType.PLANET, 0x7a7a000000000001L, System.currentTimeMillis(), key.publicKey(),
                List.of(new World.Root(root.publicOnly(),
                        List.of(Endpoint.of(InetAddress.getLoopbackAddress().getAddress(), rootPort)))),
                key.privateKey());
        for (Path home : List.of(rootHome, memberHome)) {
            Files.write(home.resolve("planet"), planet.serialize());
            Files.writeString(home.resolve("local.conf"), LOCAL_CONF);
        }
        String warmup = System.getProperty(DataPathWarmup.PROPERTY);
        System.setProperty(DataPathWarmup.PROPERTY, "false"); // the training runs the warm-ups itself
        try (Running r = Running.start(rootHome, rootPort); Running m = Running.start(memberHome, 0)) {
            r.awaitOnline();
            m.awaitOnline();
        } finally {
            if (warmup == null) System.clearProperty(DataPathWarmup.PROPERTY);
            else System.setProperty(DataPathWarmup.PROPERTY, warmup);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** One daemon run in this JVM as {@code zerotier-one -U -p<port> <home>}. */
    private record Running(Path home, StopSignal stop, CompletableFuture<Integer> exit,
                           CompletableFuture<Integer> apiPort, ByteArrayOutputStream console) implements AutoCloseable {
        static Running start(Path home, int port) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);
            StopSignal stop = new StopSignal();
            CompletableFuture<Integer> apiPort = new CompletableFuture<>();
            ServiceEnvironment env = new ServiceEnvironment("zerotier-one", Map.of(), log, log,
                    () -> OptionalInt.of(0), new CoreNodeFactory(log), new SecureRandom(), System::currentTimeMillis,
                    stop, d -> apiPort.complete(d.primaryPort()), Optional.empty());
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("ztj-aot-training-daemon").start(() -> {
                try {
                    exit.complete(ServiceMain.run(env, new String[] {"-U", "-p" + port, home.toString()}));
                } catch (RuntimeException | Error e) {
                    exit.completeExceptionally(e);
                }
            });
            return new Running(home, stop, exit, apiPort, console);
        }

        void awaitOnline() throws IOException, InterruptedException {
            long deadline = System.currentTimeMillis() + ONLINE_TIMEOUT_MS;
            int port = await(CompletableFuture.anyOf(apiPort, exit), deadline) instanceof Integer p && apiPort.isDone()
                    ? p : failed("did not start");
            String token = Files.readString(home.resolve("authtoken.secret")).strip();
            while (!ONLINE.matcher(get(port, "/status", token)).find()) {
                if (System.currentTimeMillis() > deadline) failed("not ONLINE in time");
                Thread.sleep(20); // a training run, not a test: polling as a client would
            }
        }

        private Object await(CompletableFuture<?> f, long deadline) throws IOException, InterruptedException {
            try {
                return f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return failed("did not start (" + e + ")");
            }
        }

        private <T> T failed(String what) throws IOException {
            throw new IOException("the " + home.getFileName() + " daemon " + what + ": "
                    + console.toString(StandardCharsets.UTF_8).strip());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            stop.fire();
            try {
                Integer code = exit.get(30, TimeUnit.SECONDS);
                if (code != 0) failed("exited with " + code);
            } catch (ExecutionException | TimeoutException e) {
                failed("did not stop (" + e + ")");
            }
        }
    }

    /** {@code GET path} on the local API with the auth token: the response, head and body. */
    static String get(int port, String path, String token) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-ZT1-Auth: " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
