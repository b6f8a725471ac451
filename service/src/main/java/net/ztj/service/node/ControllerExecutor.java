package net.ztj.service.node;

import net.ztj.service.metrics.ControllerMetrics;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.ControllerRequests;
import net.ztj.core.node.LocalController;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs the embedded network controller off the node's thread (issue 10), so that its storage (JDBC reads, fsync'd
 * writes, retries, a remote PostgreSQL) never holds the node's lock that every packet takes.
 *
 * <p>The node hands requests to {@link #submit} on its own thread: the controller's rate limit is applied there
 * (spec 04 §2.1) and the request joins a bounded queue; when the queue is full it is refused, and the node counts it
 * ({@code CONTROLLER_BUSY} among its drops), as ZeroTier One's controller drops what it cannot queue. One thread of
 * this class's own answers the queued requests in arrival order and asks the controller for its pushes every
 * {@value #PUSH_CHECK_MS} ms (spec 04 §10). Answers and pushes go back to the node as tasks on the node's thread, in
 * the order they were made: a member's answers arrive in the order of its requests.
 */
public final class ControllerExecutor implements ControllerRequests, AutoCloseable {
    /** Requests waiting for the controller; more are refused. */
    public static final int QUEUE_CAPACITY = 1024;
    /** How often the controller is asked for pushes. */
    public static final long PUSH_CHECK_MS = 500;
    private static final long STOP_WAIT_MS = 5_000;
    /** Queued by {@link #close} to wake the thread. */
    private static final ControllerRequest STOP = new ControllerRequest(null, 0, new byte[0], 0, 0, null, 0);

    private final LocalController controller;
    private final Consumer<NodeTask<?>> nodeThread;
    private final LongSupplier clockMs;
    private final PrintStream err;
    private final BlockingQueue<ControllerRequest> queue;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ControllerMetrics metrics = new ControllerMetrics();
    private final MemberPresence presence = new MemberPresence();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * Starts the controller's thread.
     *
     * @param nodeThread runs a task on the node's thread without waiting ({@link NodeRunner#execute})
     * @param clockMs    the wall clock in ms, the node's time base
     * @param err        where failures of the controller are reported
     * @param capacity   how many requests may wait
     */
    public ControllerExecutor(LocalController controller, Consumer<NodeTask<?>> nodeThread, LongSupplier clockMs,
                              PrintStream err, int capacity) {
        this.controller = controller;
        this.nodeThread = nodeThread;
        this.clockMs = clockMs;
        this.err = err;
        this.queue = new ArrayBlockingQueue<>(capacity);
        metrics.queueLength(queue::size);
        this.thread = Thread.ofPlatform().name("ztj-controller").daemon().start(this::loop);
    }

    /**
     * On the node's thread: a full queue refuses at once (without touching the rate limit, so the member's next try
     * is judged afresh); otherwise a request the rate limit admits is queued, one it does not is ignored.
     */
    @Override
    public boolean submit(ControllerRequest r) {
        if (stopped || queue.remainingCapacity() == 0) {
            refuse();
            return false;
        }
        if (!controller.admit(r.requester(), r.networkId(), r.packetId(), r.arrivalMs())) {
            metrics.ignored();
            return true;
        }
        if (queue.offer(r)) { // only the node's thread adds, so there is room
            metrics.queued();
            return true;
        }
        refuse();
        return false;
    }

    private void refuse() {
        refused.incrementAndGet();
        metrics.refused();
    }

    /** The controller's requests, queue and answer latency, for {@code /metrics}. */
    public ControllerMetrics metrics() {
        return metrics;
    }

    /** When members last asked for their configuration, and from where (for the controller API). */
    public MemberPresence presence() {
        return presence;
    }

    /** Requests refused because the queue was full (or the controller stopped). */
    public long refused() {
        return refused.get();
    }

    private void loop() {
        long nextPushCheck = clockMs.getAsLong();
        while (!stopped) {
            long now = clockMs.getAsLong();
            if (now >= nextPushCheck) {
                pushes(now);
                nextPushCheck = now + PUSH_CHECK_MS;
            }
            ControllerRequest r;
            try {
                r = queue.poll(Math.max(1, nextPushCheck - now), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r != null && r != STOP) answer(r);
        }
    }

    private void answer(ControllerRequest r) {
        LocalController.Answer a;
        try {
            a = controller.request(r.requester(), r.networkId(), r.metadata(), r.packetId(), clockMs.getAsLong());
        } catch (RuntimeException e) {
            metrics.failed();
            reportFailure(e); // unanswered: the member asks again
            return;
        }
        if (r.from() != null) presence.requested(r.networkId(), r.requester().address().toString(), r.from(), r.arrivalMs());
        long waitedMs = Math.max(0, clockMs.getAsLong() - r.arrivalMs());
        switch (a) {
            case LocalController.Config _ -> metrics.answeredConfig(waitedMs);
            case LocalController.Error _ -> metrics.answeredError(waitedMs);
            case LocalController.Ignore _ -> metrics.ignored();
        }
        if (!(a instanceof LocalController.Ignore)) nodeThread.accept((node, now) -> node.controllerAnswered(r, a, now));
    }

    private void pushes(long now) {
        List<LocalController.Push> p;
        try {
            p = controller.pendingPushes(now);
        } catch (RuntimeException e) {
            reportFailure(e);
            return;
        }
        if (!p.isEmpty()) nodeThread.accept((node, t) -> node.controllerPushes(p, t));
    }

    /** Reported the 1st, 2nd, 4th, 8th... time, so that a database that is down cannot flood the log. */
    private void reportFailure(RuntimeException e) {
        long n = failures.incrementAndGet();
        if (Long.bitCount(n) == 1) err.println("ERROR: the network controller failed (" + n + " so far): " + e);
    }

    /** Stops the thread after the request in progress (waiting at most 5 s); queued requests are dropped. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        queue.offer(STOP);
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
