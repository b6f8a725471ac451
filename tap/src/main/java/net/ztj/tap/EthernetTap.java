package net.ztj.tap;

import java.io.Closeable;
import java.io.IOException;
import net.ztj.tap.offload.FrameBatch;
import net.ztj.tap.offload.OffloadStats;

/**
 * A virtual Ethernet port of one network (spec 05 §8): the daemon reads the frames the OS sends into the
 * network and writes the frames the network delivers to the OS. Narrow on purpose, so a fake can stand
 * in for {@link LinuxTap} in tests.
 *
 * <p>Threads: one reader thread calls the {@code read} methods; one writer at a time (other threads, serialized by
 * the caller) calls {@link #write}, {@link #writeCoalescing} and {@link #flush};
 * {@link #setMtu}, the accessors and {@link #close} may be called from any thread.
 */
public interface EthernetTap extends Closeable {
    /** Length of the Ethernet header every frame starts with: destination MAC, source MAC, EtherType. */
    int ETHERNET_HEADER_LENGTH = 14;

    /** The OS name of the interface, e.g. {@code ztezodum4a}. */
    String name();

    /** The interface's MAC address in the low 48 bits (first byte on the wire most significant). */
    long mac();

    /** The current MTU: the largest payload after the 14-byte header. */
    int mtu();

    /** Sets the interface MTU. @throws IOException if the OS refuses it (the old MTU then stays) */
    void setMtu(int mtu) throws IOException;

    /**
     * Blocks until the OS sends a frame into the port, copies it to {@code buf[off..]} and returns its
     * length including the 14-byte header (a frame longer than {@code maxLen} is truncated to {@code maxLen}
     * bytes and that is returned; {@code maxLen} must be positive); returns
     * -1 once the port is closed, also when {@link #close} is called while a read is blocked.
     *
     * @throws IOException if the OS reports an error on an open port
     */
    int read(byte[] buf, int off, int maxLen) throws IOException;

    /**
     * Blocks like {@link #read(byte[], int, int)}, then fills {@code batch} (cleared first) with what one read from
     * the OS gave: one frame, or the frames a TCP super-frame was cut into, each with at most {@link #mtu} bytes
     * after the Ethernet header. Returns how many frames, at least one; -1 once the port is closed.
     *
     * @throws IOException if the OS reports an error on an open port
     */
    default int read(FrameBatch batch) throws IOException {
        batch.clear();
        int n = read(batch.data(), 0, batch.freeBytes());
        if (n < 0) return -1;
        batch.commit(n);
        return 1;
    }

    /**
     * Like {@link #write}, but the port may hold the frame back until {@link #flush} (to merge it with the next
     * segments of the same TCP flow into one write to the OS, or so the caller can leave the OS's work of writing to
     * after its turn); {@link #flush} writes what is held. The frames of one flow reach the OS in the order given.
     */
    default void writeCoalescing(byte[] buf, int off, int len) throws IOException {
        write(buf, off, len);
    }

    /** Writes the frames {@link #writeCoalescing} held back, if any. */
    default void flush() throws IOException {
    }

    /** What the port's offloads did so far (all zero where it has none). */
    default OffloadStats offloadStats() {
        return OffloadStats.NONE;
    }

    /**
     * Hands one whole Ethernet frame (destination MAC, source MAC, EtherType, payload) to the OS as if it
     * had arrived on the port. A frame written after {@link #close} is dropped silently.
     *
     * @throws IOException if the OS refuses the frame on an open port
     */
    void write(byte[] buf, int off, int len) throws IOException;

    /** Removes the port from the OS and wakes a blocked {@link #read}; idempotent, never throws. */
    @Override
    void close();
}
