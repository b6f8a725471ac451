package net.ztj.service.relay;

import net.ztj.service.StopSignal;
import net.ztj.transport.tcprelay.RelayLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zerotier-one --tcp-relay}: its arguments, and a run that listens, logs and stops on the signal. */
class TcpRelayCommandTest {
    @Test
    void selectedOnlyByTheFirstArgument() {
        assertTrue(TcpRelayCommand.selected(new String[] {"--tcp-relay"}));
        assertTrue(TcpRelayCommand.selected(new String[] {"--tcp-relay=8443", "--max-clients=9"}));
        assertFalse(TcpRelayCommand.selected(new String[] {"-U", "--tcp-relay"}));
        assertFalse(TcpRelayCommand.selected(new String[] {"--tcp-relayx"}));
        assertFalse(TcpRelayCommand.selected(new String[0]));
    }

    @Test
    void argumentsSetPortBindAndLimits() {
        TcpRelayCommand.Options d = TcpRelayCommand.parse(new String[] {"--tcp-relay"});
        assertEquals(443, d.listen().getPort());
        assertTrue(d.listen().getAddress().isAnyLocalAddress());
        assertEquals(RelayLimits.defaults(), d.limits());

        TcpRelayCommand.Options o = TcpRelayCommand.parse(new String[] {"--tcp-relay=8443", "--bind=127.0.0.1",
                "--max-clients=100", "--max-per-address=3", "--max-buffered=65536", "--idle-timeout=60"});
        assertEquals(8443, o.listen().getPort());
        assertEquals("127.0.0.1", o.listen().getAddress().getHostAddress());
        assertEquals(new RelayLimits(100, 3, 65536, 60_000, RelayLimits.defaults().helloTimeoutMs()), o.limits());

        for (String bad : new String[] {"--tcp-relay=0", "--tcp-relay=x", "--max-clients=0", "--bind=relay.example.com",
                "--idle-timeout", "--verbose"}) {
            assertThrows(IllegalArgumentException.class, () -> TcpRelayCommand.parse(new String[] {"--tcp-relay", bad}), bad);
        }
    }

    @Test
    void runsUntilStoppedAndRefusesAPortInUse() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StopSignal stop = new StopSignal();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> TcpRelayCommand.run("zerotier-one",
                new String[] {"--tcp-relay=" + port, "--bind=127.0.0.1"}, new PrintStream(out, true), new PrintStream(err, true),
                stop, System::currentTimeMillis));
        long end = System.nanoTime() + 10_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).contains("listening") && System.nanoTime() < end) java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("TCP relay listening on 127.0.0.1 port " + port), out.toString());

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(1, TcpRelayCommand.run("zerotier-one", new String[] {"--tcp-relay=" + port, "--bind=127.0.0.1"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true), new StopSignal(), System::currentTimeMillis));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("unable to listen on TCP"), err2.toString());

        stop.fire();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("stopping: Stats["), out.toString());
    }
}
