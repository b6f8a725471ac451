package net.ztj.service.port;

import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.node.NetworkInfo;
import net.ztj.service.node.NodeRunner;
import net.ztj.tap.EthernetTap;
import net.ztj.tap.IpPrefix;
import net.ztj.tap.offload.FrameBatch;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One network's port: its tap, the thread reading frames from it into the node, the buffer the node's thread
 * writes frames through, and what the ports manager applied (addresses, routes, groups).
 *
 * <p>Threads: the reader thread owns {@link #readLoop}; the node's thread (whichever thread holds the node's lock)
 * calls {@link #write}, and each thread calls {@link #flushIfHeld} after its turn of the node, outside the node's lock,
 * so the kernel's work of writing to the tap does not hold up the other data-path thread; the port's write lock
 * serializes the two. The manager's thread owns the applied state.
 */
final class NetworkPort {
    final long networkId;
    final EthernetTap tap;
    final int ifIndex;
    private final byte[] writeBuffer = new byte[16 * 1024];
    private final Thread reader;
    private volatile int mtu;
    /** Applied state, manager thread only. */
    NetworkInfo applied;
    net.ztj.service.network.NetworkSettings appliedSettings;
    /** The version of the settings file {@link #appliedSettings} was read from ({@code NetworkFiles#settingsVersion}). */
    Object settingsVersion;
    boolean appliedOnline;
    List<IpPrefix> managedAddresses = new ArrayList<>();
    List<ManagedIps.RouteKey> managedRoutes = new ArrayList<>();
    Set<MulticastGroup> groups = new TreeSet<>();
    /**
     * Guarded by {@link #writeLock}; read unsynchronized by {@link #counters} (a scrape may see a count a moment old,
     * never a torn one on a 64-bit JVM).
     */
    private long writeErrors, oversizeDropped, framesWritten;
    /** Serializes the writes into the tap (a node turn) and its flushes (after a turn, any data-path thread). */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();
    /** The reader thread's count, added once per read. */
    private volatile long framesRead;
    private final PrintStream log;
    /** Whether the tap may hold frames since the last flush; set under the write lock, read by any thread. */
    private volatile boolean held;

    NetworkPort(long networkId, EthernetTap tap, int ifIndex, NodeRunner runner, PrintStream err) {
        this.networkId = networkId;
        this.tap = tap;
        this.ifIndex = ifIndex;
        this.mtu = tap.mtu();
        this.log = err;
        this.reader = Thread.ofPlatform().name("ztj-tap-" + tap.name()).daemon().unstarted(() -> readLoop(runner, err));
    }

    void start() {
        reader.start();
    }

    /**
     * Reads frames (a read may give many: the segments of a TCP super-frame) and hands each read's frames to the node
     * together; frames of 14 bytes or less are ignored, longer ones cut to the MTU.
     */
    private void readLoop(NodeRunner runner, PrintStream err) {
        FrameBatch batch = new FrameBatch();
        while (true) {
            int n;
            try {
                n = tap.read(batch);
            } catch (IOException e) {
                err.println("ERROR: reading from " + tap.name() + ": " + e.getMessage());
                return;
            }
            if (n < 0) return;
            framesRead += n; // the reader thread is the only writer
            int max = EthernetTap.ETHERNET_HEADER_LENGTH + mtu;
            for (int i = 0; i < n; i++) batch.truncate(i, max);
            runner.receiveFrames(networkId, batch); // processed inline: the batch is free again on return
        }
    }

    /**
     * Writes a frame from the node (under the node's lock): dropped when the payload exceeds the MTU (spec 05 §8.4).
     * The tap holds it until {@link #flushIfHeld}.
     */
    void write(long sourceMac, long destMac, int etherType, byte[] data, int off, int len) {
        writeLock.lock();
        try {
            if (len > mtu || len + 14 > writeBuffer.length) {
                oversizeDropped++;
                return;
            }
            byte[] b = writeBuffer;
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) (destMac >>> (40 - 8 * i));
                b[6 + i] = (byte) (sourceMac >>> (40 - 8 * i));
            }
            b[12] = (byte) (etherType >>> 8);
            b[13] = (byte) etherType;
            System.arraycopy(data, off, b, 14, len);
            try {
                tap.writeCoalescing(b, 0, len + 14);
                framesWritten++;
            } catch (IOException e) {
                writeErrors++;
            }
            held = true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes what the tap holds, if it may hold anything (after a turn of the node, outside its lock). A thread
     * always sees what its own turn held; when it sees nothing, another thread has taken its frames out already.
     */
    void flushIfHeld() {
        if (!held) return;
        writeLock.lock();
        try {
            held = false;
            tap.flush();
        } catch (IOException e) {
            writeErrors++;
        } finally {
            writeLock.unlock();
        }
    }

    void setMtu(int newMtu) throws IOException {
        if (newMtu == mtu) return;
        tap.setMtu(newMtu);
        mtu = newMtu;
    }

    int mtu() {
        return mtu;
    }

    /** What the port has counted so far. */
    PortCounters counters() {
        return new PortCounters(networkId, tap.name(), framesRead, framesWritten, oversizeDropped, writeErrors,
                tap.offloadStats());
    }

    /** Closes the tap and says what its offloads did. */
    void close() {
        log.println("INFO: " + tap.name() + " closed: " + tap.offloadStats() + "; " + oversizeDropped
                + " frames over the MTU dropped, " + writeErrors + " write errors");
        tap.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
