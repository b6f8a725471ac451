package net.ztj.tap;

import java.io.Closeable;
import java.io.IOException;

/**
 * A virtual Ethernet port of one network (spec 05 §8): the daemon reads the frames the OS sends into the
 * network and writes the frames the network delivers to the OS. Narrow on purpose, so a fake can stand
 * in for {@link LinuxTap} in tests.
 *
 * <p>Threads: one reader thread calls {@link #read}; one (other) writer thread calls {@link #write};
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
