package net.ztj.core.node;

import net.ztj.core.wire.Verb;

/**
 * Packets by verb and direction and datagram bytes by direction, as the node saw them. Mutated on the node's thread
 * with plain array increments (the data path pays no more); {@link #snapshot} copies for other threads.
 */
public final class TrafficCounters {
    private static final int VERBS = 32; // a verb is 5 bits on the wire
    private final long[] received = new long[VERBS];
    private final long[] sent = new long[VERBS];
    private long bytesReceived;
    private long bytesSent;
    private long relayedPackets;
    private long relayedBytes;

    /** One authenticated packet received with this verb. */
    public void received(Verb verb) {
        received[verb.code & 0x1f]++;
    }

    /** One packet sent with this verb. */
    public void sent(Verb verb) {
        sent[verb.code & 0x1f]++;
    }

    /** A datagram of {@code len} bytes arrived (before any check). */
    public void bytesReceived(int len) {
        bytesReceived += len;
    }

    /** A datagram of {@code len} bytes was handed to the transport. */
    public void bytesSent(int len) {
        bytesSent += len;
    }

    /** A datagram of {@code len} bytes relayed for two other nodes (counted in the bytes sent too). */
    public void relayed(int len) {
        relayedPackets++;
        relayedBytes += len;
        bytesSent += len;
    }

    public Snapshot snapshot() {
        return new Snapshot(received.clone(), sent.clone(), bytesReceived, bytesSent, relayedPackets, relayedBytes);
    }

    /**
     * A copy of the counters.
     *
     * @param receivedByVerbCode packets received, indexed by verb code (0..31)
     * @param sentByVerbCode     packets sent, indexed by verb code (0..31)
     */
    public record Snapshot(long[] receivedByVerbCode, long[] sentByVerbCode, long bytesReceived, long bytesSent,
                           long relayedPackets, long relayedBytes) {
        public static final Snapshot EMPTY = new Snapshot(new long[VERBS], new long[VERBS], 0, 0, 0, 0);

        public Snapshot {
            receivedByVerbCode = receivedByVerbCode.clone();
            sentByVerbCode = sentByVerbCode.clone();
        }

        public long received(Verb verb) {
            return receivedByVerbCode[verb.code & 0x1f];
        }

        public long sent(Verb verb) {
            return sentByVerbCode[verb.code & 0x1f];
        }
    }
}
