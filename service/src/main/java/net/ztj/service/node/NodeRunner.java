package net.ztj.service.node;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.tap.offload.FrameBatch;
import net.ztj.transport.udp.DatagramSink;
import net.ztj.transport.udp.ReceivedDatagrams;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Owns the node: one lock serializes everything that touches it (the node is not thread-safe). The data path runs
 * on the threads the packets arrive on — a socket's receive thread for datagrams, a port's reader thread for frames —
 * which take the lock and process inline, so a packet costs no hand-over between threads and the order of each
 * socket's and each port's packets is kept. The runner's own thread runs the node's timers when its deadline comes
 * (waking at least every 500 ms, spec 05 §10) and the tasks other threads queue: API threads call the
 * {@link NodeControl} methods, which run as tasks while the caller waits; the service posts work with
 * {@link #execute}. Datagrams and frames that arrive before {@link #start} are queued and processed first.
 *
 * <p>The edges hold what the node hands them during one turn of the lock (the datagrams a socket sends with one
 * sendmmsg, the frames a port writes or merges into one write): the hooks given to {@link #addBatchEndHook} run after
 * every turn, on the same thread but outside the lock, to hand them to the kernel. The kernel's work of sending and
 * of writing to a tap (done synchronously in the caller: the veth and bridge, a tap's ICMP answer) then no longer
 * holds up the other data-path thread, which may run the node meanwhile (the reply to a ping a tap write produced).
 * Each edge keeps its own order under its own lock.
 */
public final class NodeRunner implements NodeControl, DatagramSink, AutoCloseable {
    /** Longest sleep of the loop. */
    public static final long MAX_WAIT_MS = 500;
    /** Events waiting for the node; datagrams beyond it are dropped. */
    public static final int QUEUE_CAPACITY = 8192;
    private static final long CALL_TIMEOUT_MS = 30_000;

    private sealed interface Event permits Datagram, Frame, Task, Stop, Wake {}

    /** Makes the loop look at the deadline again (an inline call brought it forward). */
    private record Wake() implements Event {}

    private static final Wake WAKE = new Wake();

    private record Datagram(long localSocket, Endpoint from, byte[] data, int off, int len) implements Event {}

    /** A whole Ethernet frame from a network's port (header included). */
    private record Frame(long networkId, byte[] frame, int off, int len) implements Event {}

    private record Task(NodeTask<?> work, CompletableFuture<Object> result) implements Event {}

    private record Stop() implements Event {}

    private final LongSupplier clockMs;
    private final PrintStream err;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong droppedDatagrams = new AtomicLong();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong nodeFailures = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean stopped;
    private final ReentrantLock nodeLock = new ReentrantLock();
    /** The started node, guarded by {@link #nodeLock}; null before start and after stop. */
    private NodeCore node;
    /** When the node's background tasks are due, and when the loop will next wake; guarded by the lock. */
    private long deadline = Long.MIN_VALUE;
    private volatile long loopWakesAt = Long.MAX_VALUE;
    private volatile Runnable[] batchEndHooks = {};

    /**
     * @param clockMs the wall clock in ms (the node's time base)
     * @param err     where unexpected failures of the node are reported
     */
    public NodeRunner(LongSupplier clockMs, PrintStream err) {
        this.clockMs = clockMs;
        this.err = err;
    }

    /**
     * Adds work to run after each turn in which the node ran (after a datagram, a batch of frames, a timer or a task),
     * on the thread that ran it, after the node's lock is released: where the edges write out what they held. It may
     * run while another thread's turn holds the lock, so it must guard what it shares with the node's side of its
     * edge. Add before start.
     */
    public synchronized void addBatchEndHook(Runnable hook) {
        Runnable[] hooks = java.util.Arrays.copyOf(batchEndHooks, batchEndHooks.length + 1);
        hooks[hooks.length - 1] = hook;
        batchEndHooks = hooks;
    }

    /**
     * Whether the batch-end hooks run after the lock is released (the default) or before, still under it
     * ({@code -Dztj.writeAfterTurn=false}, the earlier behaviour, for side-by-side measurements).
     */
    static final boolean WRITE_AFTER_TURN = !"false".equals(System.getProperty("ztj.writeAfterTurn"));

    /** Ends a turn of the node: releases its lock and runs the batch-end hooks (see {@link #WRITE_AFTER_TURN}). */
    private void endTurn() {
        if (WRITE_AFTER_TURN) {
            nodeLock.unlock();
            endBatch();
            return;
        }
        try {
            endBatch();
        } finally {
            nodeLock.unlock();
        }
    }

    /** The edges write out what the turn gave them. */
    private void endBatch() {
        for (Runnable hook : batchEndHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                reportFailure("a batch-end hook", e);
            }
        }
    }

    /** Starts the thread; events queued before are processed first. */
    public synchronized void start(NodeCore node) {
        if (thread != null) throw new IllegalStateException("already started");
        thread = Thread.ofPlatform().name("ztj-node").daemon().start(() -> loop(node));
    }

    /** Processes a received datagram on the calling receive thread (copied and queued before the node starts). */
    @Override
    public void receive(long localSocket, Endpoint from, byte[] data, int off, int len) {
        lockForPacket();
        try {
            if (node == null) {
                byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
                if (stopped || !queue.offer(new Datagram(localSocket, from, copy, 0, len))) droppedDatagrams.incrementAndGet();
                return;
            }
            try {
                noteDeadline(node.processWirePacket(clockMs.getAsLong(), localSocket, from, data, off, len));
            } catch (RuntimeException e) {
                reportFailure("processWirePacket", e);
            }
        } finally {
            endTurn();
        }
    }

    /** Processes the datagrams of one receive call on the calling receive thread, in one turn of the node's lock. */
    @Override
    public void receive(long localSocket, ReceivedDatagrams batch) {
        lockForPacket();
        try {
            byte[] data = batch.data();
            if (node == null) { // not started: each is copied and queued
                DatagramSink.super.receive(localSocket, batch);
                return;
            }
            long now = clockMs.getAsLong();
            for (int i = 0; i < batch.count(); i++) {
                try {
                    noteDeadline(node.processWirePacket(now, localSocket, batch.from(i), data, batch.offset(i),
                            batch.length(i)));
                } catch (RuntimeException e) {
                    reportFailure("processWirePacket", e);
                }
            }
        } finally {
            endTurn();
        }
    }

    /** A datagram queued before start (its own copy). */
    public void receive(long localSocket, Endpoint from, byte[] data) {
        receive(localSocket, from, data, 0, data.length);
    }

    /**
     * Spins this many times on a busy node before sleeping on the lock ({@code -Dztj.lockSpins=N} changes it, for
     * measurements: on a machine with few cores a spinning thread takes the CPU the lock holder needs).
     */
    private static final int PACKET_LOCK_SPINS = Integer.getInteger("ztj.lockSpins", 2_000);

    /**
     * Takes the node's lock for one packet. The other data-path thread holds it only for a packet's worth of work,
     * so waiting briefly costs less than sleeping and being woken (a futex round trip and two context switches,
     * which the profile of a saturated tunnel showed as the largest cost we control).
     */
    private void lockForPacket() {
        for (int i = 0; i < PACKET_LOCK_SPINS; i++) {
            if (nodeLock.tryLock()) return;
            Thread.onSpinWait();
        }
        nodeLock.lock();
    }

    /** Under the lock: a deadline the node returned; the loop is woken if it would sleep past it. */
    private void noteDeadline(long d) {
        deadline = d;
        if (d < loopWakesAt) queue.offer(WAKE);
    }

    /**
     * Processes a frame read from a network's port on the calling reader thread: {@code frame} holds the 14-byte
     * Ethernet header and the payload, and is only read during the call (copied if the node has not started).
     */
    public void receiveFrame(long networkId, byte[] frame, int len) {
        lockForPacket();
        try {
            if (node == null) {
                byte[] copy = java.util.Arrays.copyOf(frame, len);
                if (stopped || !queue.offer(new Frame(networkId, copy, 0, len))) droppedFrames.incrementAndGet();
                return;
            }
            noteDeadline(frame(node, clockMs.getAsLong(), new Frame(networkId, frame, 0, len), deadline));
        } finally {
            endTurn();
        }
    }

    /**
     * Processes the frames one read from a network's port gave (a TCP super-frame cut into frames) on the calling
     * reader thread, in one turn of the lock, so what they make the node send can leave together; frames of 14 bytes
     * or less are skipped. The batch is only read during the call.
     */
    public void receiveFrames(long networkId, FrameBatch batch) {
        lockForPacket();
        try {
            byte[] data = batch.data();
            if (node == null) { // not started: each is copied and queued
                for (int i = 0; i < batch.count(); i++) {
                    int off = batch.offset(i), len = batch.length(i);
                    if (len > 14) receiveFrame(networkId, java.util.Arrays.copyOfRange(data, off, off + len), len);
                }
                return;
            }
            long now = clockMs.getAsLong();
            for (int i = 0; i < batch.count(); i++) {
                int len = batch.length(i);
                if (len > 14) noteDeadline(frame(node, now, new Frame(networkId, data, batch.offset(i), len), deadline));
            }
        } finally {
            endTurn();
        }
    }

    /** Frames from ports dropped because the node fell behind. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** Datagrams dropped because the node fell behind. */
    public long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    /** Runs work on the node's thread without waiting for it. */
    public void execute(NodeTask<?> work) {
        submit(work);
    }

    /**
     * Runs work on the node's thread and waits for its result.
     *
     * @throws NodeUnavailableException if the node has stopped or does not answer within 30 s
     * @throws RuntimeException         what the work threw
     */
    @SuppressWarnings("unchecked")
    public <T> T call(NodeTask<T> work) {
        CompletableFuture<Object> result = submit(work);
        try {
            return (T) result.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new NodeUnavailableException("node task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new NodeUnavailableException("the node did not answer within " + CALL_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnavailableException("interrupted while waiting for the node");
        }
    }

    private CompletableFuture<Object> submit(NodeTask<?> work) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        if (stopped) {
            result.completeExceptionally(new NodeUnavailableException("the node has stopped"));
            return result;
        }
        try {
            queue.put(new Task(work, result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new NodeUnavailableException("interrupted"));
        }
        return result;
    }

    @Override
    public NodeStatus status() {
        return call((node, now) -> node.status(now));
    }

    @Override
    public net.ztj.core.node.TrafficCounters.Snapshot traffic() {
        return call((node, now) -> node.traffic());
    }

    @Override
    public List<net.ztj.core.node.PeerCounters> peerCounters() {
        return call((node, now) -> node.peerCounters());
    }

    @Override
    public List<net.ztj.core.node.NetworkCounters> networkCounters() {
        return call((node, now) -> node.networkCounters());
    }

    @Override
    public List<PeerInfo> peers() {
        return call((node, now) -> node.peers(now));
    }

    @Override
    public Optional<PeerInfo> peer(Address address) {
        return call((node, now) -> node.peer(address, now));
    }

    @Override
    public List<MoonInfo> moons() {
        return call((node, now) -> node.moons());
    }

    @Override
    public void orbit(long moonId, Address seed) {
        call((node, now) -> {
            node.orbit(moonId, seed, now);
            return null;
        });
    }

    @Override
    public void deorbit(long moonId) {
        call((node, now) -> {
            node.deorbit(moonId);
            return null;
        });
    }

    @Override
    public boolean join(long networkId, byte[] cachedConfig) {
        return call((node, now) -> node.join(networkId, cachedConfig, now));
    }

    @Override
    public boolean leave(long networkId) {
        return call((node, now) -> node.leave(networkId));
    }

    @Override
    public List<NetworkInfo> networks() {
        return call((node, now) -> node.networks());
    }

    /** What the ports manager looks at every second: the joined networks and whether the node is online. */
    public record PortView(List<NetworkInfo> networks, boolean online) {}

    /** The joined networks and whether the node is online, in one task (cheaper than {@link #status}). */
    public PortView portView() {
        return call((node, now) -> new PortView(node.networks(), node.online(now)));
    }

    @Override
    public Optional<NetworkInfo> network(long networkId) {
        return call((node, now) -> node.network(networkId));
    }

    private void loop(NodeCore started) {
        nodeLock.lock();
        try {
            drainEarly(started); // what arrived before start, in order
            node = started;
        } finally {
            endTurn();
        }
        while (true) {
            long waitMs;
            nodeLock.lock();
            try {
                long now = clockMs.getAsLong();
                if (now >= deadline) deadline = background(started, now);
                waitMs = Math.max(1, Math.min(deadline - now, MAX_WAIT_MS));
                loopWakesAt = now + waitMs;
            } finally {
                endTurn();
            }
            Event event;
            try {
                event = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            loopWakesAt = Long.MIN_VALUE; // awake: inline calls need not wake the loop
            if (event == null || event instanceof Wake) continue;
            if (event instanceof Stop) break;
            nodeLock.lock();
            try {
                long now = clockMs.getAsLong();
                switch (event) {
                    case Datagram d -> deadline = datagram(started, now, d, deadline);
                    case Frame f -> deadline = frame(started, now, f, deadline);
                    case Task t -> task(started, now, t);
                    default -> { }
                }
            } finally {
                endTurn();
            }
        }
        nodeLock.lock();
        try {
            node = null;
            failPending();
        } finally {
            nodeLock.unlock();
        }
    }

    /** Processes the datagrams and frames queued before the node started (tasks stay queued, in order). */
    private void drainEarly(NodeCore started) {
        java.util.List<Event> later = new java.util.ArrayList<>();
        Event e;
        while ((e = queue.poll()) != null) {
            long now = clockMs.getAsLong();
            switch (e) {
                case Datagram d -> deadline = datagram(started, now, d, deadline);
                case Frame f -> deadline = frame(started, now, f, deadline);
                default -> later.add(e);
            }
        }
        for (Event l : later) queue.offer(l);
    }

    private long background(NodeCore node, long now) {
        try {
            return node.processBackgroundTasks(now);
        } catch (RuntimeException e) {
            reportFailure("processBackgroundTasks", e);
            return now + MAX_WAIT_MS;
        }
    }

    private long datagram(NodeCore node, long now, Datagram d, long deadline) {
        try {
            return node.processWirePacket(now, d.localSocket(), d.from(), d.data(), d.off(), d.len());
        } catch (RuntimeException e) {
            reportFailure("processWirePacket", e);
            return deadline;
        }
    }

    private long frame(NodeCore node, long now, Frame f, long deadline) {
        byte[] b = f.frame();
        int o = f.off();
        long dst = Mac.fromBytes(b, o).value(), src = Mac.fromBytes(b, o + 6).value();
        int etherType = ((b[o + 12] & 0xff) << 8) | (b[o + 13] & 0xff);
        try {
            return node.processVirtualNetworkFrame(now, f.networkId(), src, dst, etherType, b, o + 14, f.len() - 14);
        } catch (RuntimeException e) {
            reportFailure("processVirtualNetworkFrame", e);
            return deadline;
        }
    }

    private static void task(NodeCore node, long now, Task t) {
        try {
            t.result().complete(t.work().run(node, now));
        } catch (RuntimeException e) {
            t.result().completeExceptionally(e);
        }
    }

    /** The node should never throw; report it (1st, 2nd, 4th, 8th... time, so a repeating fault cannot flood). */
    private void reportFailure(String where, RuntimeException e) {
        long n = nodeFailures.incrementAndGet();
        if (Long.bitCount(n) == 1) err.println("ERROR: unexpected exception in " + where + " (" + n + " so far): " + e);
    }

    private void failPending() {
        stopped = true;
        Event e;
        while ((e = queue.poll()) != null) {
            if (e instanceof Task t) t.result().completeExceptionally(new NodeUnavailableException("the node has stopped"));
        }
    }

    /** Stops the thread after the events already queued; later calls fail at once. */
    @Override
    public void close() {
        Thread t = thread;
        if (t == null) {
            stopped = true;
            failPending();
            return;
        }
        try {
            if (!stopped) queue.put(new Stop());
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
    }
}
