package net.ztj.service.testing;

import net.ztj.service.Daemon;
import net.ztj.service.ServiceEnvironment;
import net.ztj.service.ServiceMain;
import net.ztj.service.StopSignal;
import net.ztj.service.node.CoreNodeFactory;
import net.ztj.service.node.NodeCoreFactory;
import net.ztj.service.port.PortDriver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zerotier-one run in this JVM ({@code -U -p0 <home>}), by default on an offline core: start, a check, stop. */
public final class InProcessDaemon {
    private InProcessDaemon() {}

    /** What runs while the daemon is up. */
    public interface Check {
        void run(int apiPort, String authToken) throws Exception;
    }

    /**
     * Starts the daemon, runs {@code check}, stops the daemon and returns its console (standard error).
     *
     * @param ports the port driver; empty: networks get no interface
     */
    public static String run(Path home, Optional<Supplier<PortDriver>> ports, Check check) throws Exception {
        return run(home, ports, OfflineNodeCore.factory(), check);
    }

    /**
     * The real core with its UDP bound to 127.0.0.1 only (no secondary port) and no interfaces, its home (created)
     * at {@code home}: for tests that send it datagrams over loopback.
     */
    public static String runRealCoreOnLoopback(Path home, Check check) throws Exception {
        Files.createDirectories(home);
        Files.writeString(home.resolve("local.conf"),
                "{\"settings\":{\"bind\":[\"127.0.0.1\"],\"allowSecondaryPort\":false}}");
        return run(home, Optional.empty(), new CoreNodeFactory(new PrintStream(new ByteArrayOutputStream())), check);
    }

    /** As {@link #run(Path, Optional, Check)} with the given node core. */
    public static String run(Path home, Optional<Supplier<PortDriver>> ports, NodeCoreFactory core, Check check)
            throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StopSignal stop = new StopSignal();
        CompletableFuture<Daemon> started = new CompletableFuture<>();
        ServiceEnvironment env = new ServiceEnvironment("zerotier-one", Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> OptionalInt.of(1000), core,
                new SecureRandom(), System::currentTimeMillis, stop, started::complete, ports);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> ServiceMain.run(env, new String[] {"-U", "-p0", home.toString()}),
                task -> Thread.ofPlatform().daemon().name("zerotier-one-under-test").start(task));
        try {
            CompletableFuture.anyOf(started, exit).get(60, TimeUnit.SECONDS);
            assertTrue(started.isDone(), "did not start: " + err.toString(StandardCharsets.UTF_8));
            check.run(started.get().primaryPort(), Files.readString(home.resolve("authtoken.secret")).trim());
        } finally {
            stop.fire();
            assertEquals(0, exit.get(20, TimeUnit.SECONDS), () -> err.toString(StandardCharsets.UTF_8));
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
