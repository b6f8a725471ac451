package net.ztj.core.node;

import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.ErrorMessage;

/**
 * Packets by verb and direction, ERROR packets by error code and direction, and datagram bytes by direction, as the
 * node saw them. Mutated on the node's thread
 * with plain array increments (the data path pays no more); {@link #snapshot} copies for other threads.
 */
public final class TrafficCounters {
    private static final int VERBS = 32; // a verb is 5 bits on the wire
    private static final int ERROR_CODES = ErrorCode.values().length;
    private final long[] received = new long[VERBS];
    private final long[] sent = new long[VERBS];
    private final long[] errorsReceived = new long[ERROR_CODES];
    private final long[] errorsSent = new long[ERROR_CODES];
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

    /** An authenticated ERROR packet with a known code arrived. */
    public void errorReceived(ErrorCode code) {
        errorsReceived[code.ordinal()]++;
    }

    /** An ERROR packet with this payload is being sent (codes we do not know are not counted). */
    public void errorSent(byte[] errorPayload) {
        if (errorPayload.length < ErrorMessage.HEADER_LENGTH) return;
        ErrorCode code = ErrorCode.fromCode(ErrorMessage.errorCode(errorPayload, 0));
        if (code != null) errorsSent[code.ordinal()]++;
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
        return new Snapshot(received.clone(), sent.clone(), errorsReceived.clone(), errorsSent.clone(), bytesReceived,
                bytesSent, relayedPackets, relayedBytes);
    }

    /**
     * A copy of the counters.
     *
     * @param receivedByVerbCode packets received, indexed by verb code (0..31)
     * @param sentByVerbCode     packets sent, indexed by verb code (0..31)
     * @param errorsReceivedByCode ERROR packets received, indexed by {@link ErrorCode} ordinal
     * @param errorsSentByCode   ERROR packets sent, indexed by {@link ErrorCode} ordinal
     */
    public record Snapshot(long[] receivedByVerbCode, long[] sentByVerbCode, long[] errorsReceivedByCode,
                           long[] errorsSentByCode, long bytesReceived, long bytesSent, long relayedPackets,
                           long relayedBytes) {
        public static final Snapshot EMPTY = new Snapshot(new long[VERBS], new long[VERBS], new long[ERROR_CODES],
                new long[ERROR_CODES], 0, 0, 0, 0);

        public Snapshot {
            receivedByVerbCode = receivedByVerbCode.clone();
            sentByVerbCode = sentByVerbCode.clone();
            errorsReceivedByCode = errorsReceivedByCode.clone();
            errorsSentByCode = errorsSentByCode.clone();
        }

        public long errorsReceived(ErrorCode code) {
            return errorsReceivedByCode[code.ordinal()];
        }

        public long errorsSent(ErrorCode code) {
            return errorsSentByCode[code.ordinal()];
        }

        public long received(Verb verb) {
            return receivedByVerbCode[verb.code & 0x1f];
        }

        public long sent(Verb verb) {
            return sentByVerbCode[verb.code & 0x1f];
        }
    }
}
