package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;

/**
 * UDP segmentation offloads of Linux (4.18 and later) as the sockets use them: the control messages (struct cmsghdr)
 * that ask the kernel to cut one send into datagrams of equal size (UDP_SEGMENT, "GSO") and that tell, on receive,
 * the size of the datagrams the kernel merged into one buffer (UDP_GRO), and the rules both follow. Only the
 * system calls change: every datagram on the wire stays an ordinary one.
 *
 * <p>A segmented send is a run of datagrams to one destination, all of the first one's size except the last, which
 * may be shorter; at most {@link #MAX_SEGMENTS} of them and {@link #MAX_BYTES} in all. A merged receive is split the
 * same way: datagram {@code i} starts at {@code i * size} and the last one takes what is left.
 */
final class UdpOffload {
    static final int SOL_UDP = 17, UDP_SEGMENT = 103, UDP_GRO = 104;
    /** struct cmsghdr: size_t cmsg_len at 0, int cmsg_level at 8, int cmsg_type at 12, data from 16. */
    static final long HEADER = 16;
    /** CMSG_SPACE of a uint16_t (UDP_SEGMENT) or an int (UDP_GRO): the header and the data, 8-aligned. */
    static final long SPACE = 24;
    /** The kernel's UDP_MAX_SEGMENTS before Linux 6.10 (128 since): the smaller, so that every kernel takes it. */
    static final int MAX_SEGMENTS = 64;
    /** The payload of one UDP datagram over IPv4 at most, which a segmented send may not exceed in all. */
    static final int MAX_BYTES = 65507;

    private UdpOffload() {
    }

    /** Writes a UDP_SEGMENT control message at {@code at}: the kernel cuts the send into datagrams of {@code size}. */
    static void writeSegmentSize(MemorySegment control, long at, int size) {
        control.set(JAVA_LONG_UNALIGNED, at, HEADER + 2);
        control.set(JAVA_INT_UNALIGNED, at + 8, SOL_UDP);
        control.set(JAVA_INT_UNALIGNED, at + 12, UDP_SEGMENT);
        control.set(JAVA_SHORT_UNALIGNED, at + 16, (short) size);
    }

    /**
     * The datagram size of a UDP_GRO control message among those in {@code control[0..length)}, or 0 when there is
     * none (the buffer holds one datagram) or the messages are malformed.
     */
    static int mergedSegmentSize(MemorySegment control, long length) {
        length = Math.min(length, control.byteSize());
        long at = 0;
        while (length - at >= HEADER) {
            long cmsgLength = control.get(JAVA_LONG_UNALIGNED, at);
            if (cmsgLength < HEADER || cmsgLength > length - at) return 0;
            if (control.get(JAVA_INT_UNALIGNED, at + 8) == SOL_UDP
                    && control.get(JAVA_INT_UNALIGNED, at + 12) == UDP_GRO) {
                if (cmsgLength < HEADER + 4) return 0;
                int size = control.get(JAVA_INT_UNALIGNED, at + HEADER);
                return Math.max(size, 0);
            }
            at += (cmsgLength + 7) & ~7L;
        }
        return 0;
    }

    /** How many datagrams a buffer of {@code length} merged from datagrams of {@code size} holds. */
    static int segments(int length, int size) {
        if (size <= 0 || length <= size) return 1;
        return (length + size - 1) / size;
    }

    /**
     * Whether a datagram of {@code length} may join a segmented send that holds {@code segments} datagrams of
     * {@code size} ({@code bytes} in all) whose last one was of {@code lastLength}: it is not empty, no longer than
     * the first, the run is not ended by a shorter one and stays within the kernel's limits.
     */
    static boolean joins(int segments, int size, int bytes, int lastLength, int length) {
        return length > 0 && length <= size && lastLength == size
                && segments < MAX_SEGMENTS && bytes + length <= MAX_BYTES;
    }
}
