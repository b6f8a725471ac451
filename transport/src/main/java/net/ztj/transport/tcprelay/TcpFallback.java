package net.ztj.transport.tcprelay;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import net.ztj.transport.udp.DatagramSink;
import net.ztj.transport.udp.ReceivedDatagrams;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * ZeroTier One 1.14's TCP fallback (spec 05 §9.5) as a second physical path beside the UDP sockets: datagrams to
 * IPv4 global-scope addresses also go through a {@link TcpRelayClient} while the fallback is wanted —
 * {@code forceTcpRelay}, or nothing of 16 bytes or more heard over UDP from a global-scope address for
 * {@link #FALLBACK_AFTER_MS} (and the service running that long) — and the connection is closed again once UDP
 * from a global address has been heard within {@link #RELEASE_WITHIN_MS}. Unless forced, every datagram is still
 * sent over UDP too, so the node moves back to UDP as soon as it works.
 *
 * <p>Differences from the reference, none visible on the wire: connection attempts follow a
 * {@link ReconnectBackoff} rather than its "previous send between 2.5 s and 60 s ago" rule; datagrams sent while
 * the connection is being made are queued behind the hello rather than dropped; an attempt times out after
 * {@link TcpRelayClient#CONNECT_TIMEOUT_MS}; sleep/wake detection does not restart the 60 s wait.
 *
 * <p>A local.conf reload hands new settings to {@link #reload}: {@code allowTcpFallbackRelay} and
 * {@code tcpFallbackRelay} take effect at once; {@code forceTcpRelay} only at the next start (whether the UDP
 * sockets are bound is decided at start).
 */
public final class TcpFallback implements AutoCloseable {
    /** ZT_TCP_FALLBACK_AFTER: no global UDP heard for this long engages the relay. */
    public static final long FALLBACK_AFTER_MS = 60_000;
    /** Global UDP heard within this long closes the relay connection. */
    public static final long RELEASE_WITHIN_MS = FALLBACK_AFTER_MS / 2;
    /** Datagrams shorter than this neither use the relay nor count as heard (ZeroTier's minimum packet). */
    public static final int MIN_DATAGRAM_BYTES = 16;

    /** Replaced by {@link #reload}; its {@code forced} stays as at start. */
    private volatile TcpFallbackSettings settings;
    private final DatagramSink node;
    private final LongSupplier clockMs;
    /** {@code forceTcpRelay} as at start, for good. */
    private final boolean forced;
    private final long startedAt;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private final TcpRelayClient client;
    private volatile long lastDirectGlobalReceive;
    // the node's thread only: the address block of the last destination
    private Endpoint lastDestination;
    private byte[] lastBlock;

    /**
     * Starts the client's thread (it connects only when wanted).
     *
     * @param node    where datagrams go, from UDP ({@link #udpSink}) and from the relay alike
     * @param clockMs the wall clock in ms
     * @param log     one line per relay connection event
     */
    public TcpFallback(TcpFallbackSettings settings, DatagramSink node, LongSupplier clockMs, Consumer<String> log)
            throws IOException {
        this.settings = settings;
        this.forced = settings.forced();
        this.node = node;
        this.clockMs = clockMs;
        this.startedAt = clockMs.getAsLong();
        this.lastDirectGlobalReceive = 0;
        this.client = new TcpRelayClient(node, new TcpRelayClient.Listener() {
            @Override
            public void connected(Endpoint relay) {
                log.accept("TCP relay: connected to " + relay);
            }

            @Override
            public void closed(Endpoint relay, String why) {
                log.accept("TCP relay: connection to " + relay + " closed (" + why + ")");
            }

            @Override
            public void carried(Endpoint relay) {
                backoff.succeeded();
            }
        }, clockMs, this::tick);
    }

    /** The settings in effect. */
    public TcpFallbackSettings settings() {
        return settings;
    }

    /**
     * Applies the settings of a reloaded local.conf. When they disallow the relay or name another relay, the
     * current connection (if any) is closed; the next attempt, if the relay is still wanted, uses the new settings
     * at once (the backoff starts over). {@code forced} is not changed: the UDP sockets were bound, or not, at start.
     * A relay forced at start stays forced, with the relay use it was started with (only the relay address changes).
     *
     * @return a line for the log when part of {@code next} was not applied
     */
    public Optional<String> reload(TcpFallbackSettings next) {
        TcpFallbackSettings before = settings;
        String kept = null;
        TcpFallbackSettings applied = next;
        if (forced) {
            applied = new TcpFallbackSettings(before.allowed(), true, next.relay());
            if (!next.forced() || next.allowed() != before.allowed()) {
                kept = "TCP relay: forced at start, it stays forced (allowTcpFallbackRelay "
                        + before.allowed() + ", forceTcpRelay true) until a restart";
            }
        } else if (next.forced()) {
            applied = new TcpFallbackSettings(next.allowed(), false, next.relay());
            kept = "TCP relay: forceTcpRelay takes effect at the next start (the UDP sockets are bound)";
        }
        settings = applied;
        boolean otherRelay = !applied.relay().equals(before.relay());
        if (otherRelay) backoff.succeeded(); // a new relay: tried at once, and with a fresh backoff
        String unwanted = unwantedBecause(applied, otherRelay);
        if (unwanted != null) client.disconnect(unwanted);
        return Optional.ofNullable(kept);
    }

    /** Whether a relay connection exists: {@code tcpFallbackActive} in /status, TUNNELED in the CLI. */
    public boolean active() {
        return client.state() == TcpRelayClient.State.CONNECTED;
    }

    /** The relay connection's counters. */
    public TcpRelayClient client() {
        return client;
    }

    /**
     * The sink the UDP sockets deliver to: notes datagrams from global-scope addresses, drops everything when the
     * relay is forced (spec 05 §9.3), and hands the rest to the node.
     */
    public DatagramSink udpSink() {
        return new DatagramSink() {
            @Override
            public void receive(long localSocket, Endpoint from, byte[] data, int off, int len) {
                if (forced) return;
                noteUdp(from, len);
                node.receive(localSocket, from, data, off, len);
            }

            @Override
            public void receive(long localSocket, ReceivedDatagrams batch) {
                if (forced) return;
                for (int i = 0; i < batch.count(); i++) noteUdp(batch.from(i), batch.length(i));
                node.receive(localSocket, batch); // the batch stays one turn of the node
            }
        };
    }

    private void noteUdp(Endpoint from, int len) {
        if (len >= MIN_DATAGRAM_BYTES && from.scope() == Endpoint.Scope.GLOBAL) {
            lastDirectGlobalReceive = clockMs.getAsLong();
        }
    }

    /** The transport the node sends through: the relay's rules (spec 05 §9.5), then UDP unless forced. */
    public PhysicalTransport over(PhysicalTransport udp) {
        return new PhysicalTransport() {
            @Override
            public boolean send(long localSocket, Endpoint to, byte[] data, int off, int len, int ttl) {
                TcpFallbackSettings s = settings; // one reading: a reload may replace them meanwhile
                if (s.allowed() && len >= MIN_DATAGRAM_BYTES && to.isV4() && to.scope() == Endpoint.Scope.GLOBAL) {
                    long now = clockMs.getAsLong();
                    if (wanted(now)) {
                        if (client.state() == TcpRelayClient.State.DISCONNECTED && backoff.tryAttempt(now)) {
                            client.connect(s.relay());
                        }
                        client.send(addressBlock(to), data, off, len);
                    }
                }
                if (forced) return true; // the reference reports success without sending any UDP
                return udp.send(localSocket, to, data, off, len, ttl);
            }

            @Override
            public long openProbeSocket() {
                return forced ? ANY_SOCKET : udp.openProbeSocket();
            }

            @Override
            public void closeProbeSocket(long localSocket) {
                udp.closeProbeSocket(localSocket);
            }
        };
    }

    /** Whether datagrams should go through the relay now. */
    boolean wanted(long now) {
        return forced
                || (now - lastDirectGlobalReceive > FALLBACK_AFTER_MS && now - startedAt > FALLBACK_AFTER_MS);
    }

    private byte[] addressBlock(Endpoint to) {
        if (!to.equals(lastDestination)) {
            lastBlock = RelayFrames.addressBlock(to);
            lastDestination = to;
        }
        return lastBlock;
    }

    /**
     * On the client's thread: closes the connection once UDP works again (never when forced), and one that the
     * settings no longer want (a send that raced with {@link #reload} may have opened it with the old ones).
     */
    private void tick(long now) {
        if (client.state() == TcpRelayClient.State.DISCONNECTED) return;
        TcpFallbackSettings s = settings;
        // the relay of a connection still being made may not be recorded yet: compared once connected
        String why = unwantedBecause(s,
                client.state() == TcpRelayClient.State.CONNECTED && !s.relay().equals(client.relay()));
        if (why == null && !forced && now - lastDirectGlobalReceive < RELEASE_WITHIN_MS) {
            why = "UDP from a global address heard again";
        }
        if (why != null) client.disconnect(why);
    }

    /** Why settings {@code s} want no connection (null when they allow it); {@code otherRelay}: it goes elsewhere. */
    private static String unwantedBecause(TcpFallbackSettings s, boolean otherRelay) {
        if (!s.allowed()) return "the TCP relay is no longer allowed (local.conf)";
        if (otherRelay) return "local.conf names another relay, " + s.relay();
        return null;
    }

    @Override
    public void close() {
        client.close();
    }
}
