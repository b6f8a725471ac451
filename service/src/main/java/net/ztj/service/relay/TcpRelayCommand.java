package net.ztj.service.relay;

import net.ztj.service.StopSignal;
import net.ztj.service.platform.OsSignals;
import net.ztj.transport.tcprelay.RelayLimits;
import net.ztj.transport.tcprelay.TcpRelayServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * {@code zerotier-one --tcp-relay[=port] [--max-clients=N] [--max-per-address=N] [--max-buffered=bytes]
 * [--idle-timeout=seconds] [--bind=ip]}: runs a {@link TcpRelayServer} (port 443 by default, as ZeroTier's
 * tcp-proxy) until SIGINT or SIGTERM, logging one line per connection event and the counters every 5 minutes and
 * at exit. Nodes use it with {@code "tcpFallbackRelay": "<ip>/<port>"} in their local.conf. It needs no home
 * folder and no identity: the relay only moves datagrams it cannot read.
 */
public final class TcpRelayCommand {
    /** The switch that selects this command (it must come first). */
    public static final String SWITCH = "--tcp-relay";
    /** ZeroTier's tcp-proxy listens on 443, where firewalls that block UDP usually let TLS through. */
    public static final int DEFAULT_PORT = 443;
    private static final long STATS_EVERY_MS = 300_000;

    /** What the command line asks for. */
    record Options(InetSocketAddress listen, RelayLimits limits) {}

    private TcpRelayCommand() {}

    /** Whether these arguments select the relay. */
    public static boolean selected(String[] args) {
        return args.length > 0 && (args[0].equals(SWITCH) || args[0].startsWith(SWITCH + "="));
    }

    /** Parses the arguments; throws with a one-line reason. */
    static Options parse(String[] args) {
        int port = DEFAULT_PORT;
        InetAddress bind = null;
        RelayLimits d = RelayLimits.defaults();
        int maxClients = d.maxClients(), perAddress = d.maxClientsPerAddress(), buffered = d.maxBufferedBytes();
        long idleMs = d.idleTimeoutMs();
        for (String a : args) {
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String value = eq < 0 ? null : a.substring(eq + 1);
            switch (name) {
                case SWITCH -> port = value == null ? DEFAULT_PORT : number(a, value, 1, 65535);
                case "--max-clients" -> maxClients = number(a, value, 1, 1 << 20);
                case "--max-per-address" -> perAddress = number(a, value, 1, 1 << 20);
                case "--max-buffered" -> buffered = number(a, value, 4096, 1 << 30);
                case "--idle-timeout" -> idleMs = number(a, value, 1, 86_400) * 1000L;
                case "--bind" -> bind = address(a, value);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        InetSocketAddress listen = bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
        return new Options(listen, new RelayLimits(maxClients, perAddress, buffered, idleMs, d.helloTimeoutMs()));
    }

    private static int number(String arg, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(arg + ": needs a number from " + min + " to " + max);
    }

    private static InetAddress address(String arg, String value) {
        if (value == null || value.isEmpty() || !value.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(arg + ": needs an IP address");
        }
        try {
            return InetAddress.getByName(value); // a literal: no name lookup
        } catch (IOException e) {
            throw new IllegalArgumentException(arg + ": needs an IP address");
        }
    }

    /** Runs the relay in this process until a signal stops it; returns the exit code. */
    public static int run(String programName, String[] args, PrintStream out, PrintStream err) {
        StopSignal stop = new StopSignal();
        OsSignals.install(stop::fire);
        return run(programName, args, out, err, stop, System::currentTimeMillis);
    }

    /** Runs the relay until {@code stop} fires; returns the exit code. */
    static int run(String programName, String[] args, PrintStream out, PrintStream err, StopSignal stop, LongSupplier clockMs) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(programName + ": " + e.getMessage());
            err.println("Usage: " + programName + " --tcp-relay[=port] [--bind=ip] [--max-clients=N] [--max-per-address=N]"
                    + " [--max-buffered=bytes] [--idle-timeout=seconds]");
            return 1;
        }
        TcpRelayServer server;
        try {
            server = new TcpRelayServer(o.listen(), o.limits(), clockMs, line -> log(out, line));
        } catch (IOException e) {
            err.println(programName + ": fatal error: unable to listen on TCP " + o.listen() + ": " + e.getMessage());
            return 1;
        }
        try (server) {
            log(out, "TCP relay listening on " + o.listen().getAddress().getHostAddress() + " port " + server.port()
                    + " (" + o.limits() + ")");
            while (!stop.isFired()) {
                try {
                    if (stop.await(STATS_EVERY_MS)) break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                log(out, server.stats().toString());
            }
            log(out, "stopping: " + server.stats());
        }
        return 0;
    }

    private static void log(PrintStream out, String line) {
        out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        out.flush();
    }
}
