package net.ztj.service.physical;

import net.ztj.service.node.NodeRunner;
import net.ztj.tap.NetlinkEvents;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Notices that the machine's network changed under the node and has it re-establish its paths at once (the node's
 * {@code networkChanged}): an address or link notification from the kernel (rtnetlink), after which the local
 * addresses are scanned again and compared, or a jump between the wall clock and the monotonic clock (the machine
 * slept, or the clock was set), checked every second. ZeroTier One notices neither and waits for its timers.
 *
 * <p>Threads: notifications arrive on the netlink thread; scans and clock checks run on this class's timer; the node
 * is reached through its runner.
 */
public final class NetworkChangeWatch implements AutoCloseable {
    /** Notifications come in bursts (an address, its route, the link): scanned once they settle. */
    static final long SETTLE_MS = 200;
    static final long CLOCK_CHECK_MS = 1_000;
    /** A difference between the clocks' advance past this is a jump (sleep, or a set clock). */
    static final long JUMP_MS = 3_000;

    private final LocalAddressReport addresses;
    private final NodeRunner runner;
    private final Consumer<String> log;
    private final LongSupplier wallMs, monotonicMs;
    private final AtomicBoolean scanPending = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("network-change").unstarted(r));
    private NetlinkEvents events;
    private long lastWallMs, lastMonotonicMs;

    public NetworkChangeWatch(LocalAddressReport addresses, NodeRunner runner, Consumer<String> log) {
        this(addresses, runner, log, System::currentTimeMillis, () -> System.nanoTime() / 1_000_000);
    }

    NetworkChangeWatch(LocalAddressReport addresses, NodeRunner runner, Consumer<String> log, LongSupplier wallMs,
                       LongSupplier monotonicMs) {
        this.addresses = addresses;
        this.runner = runner;
        this.log = log;
        this.wallMs = wallMs;
        this.monotonicMs = monotonicMs;
    }

    /** Subscribes to the kernel's notifications (without them, the 30 s scans still find changes) and the clocks. */
    public void start() {
        addresses.onChange(() -> reestablish("the local addresses changed"));
        try {
            events = NetlinkEvents.start(this::notified);
        } catch (IOException | RuntimeException e) {
            log.accept("address change notifications unavailable (" + e.getMessage() + "); changes are found by the periodic scan");
        }
        lastWallMs = wallMs.getAsLong();
        lastMonotonicMs = monotonicMs.getAsLong();
        timer.scheduleAtFixedRate(this::checkClocks, CLOCK_CHECK_MS, CLOCK_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    private void notified() {
        if (scanPending.compareAndSet(false, true)) {
            timer.schedule(() -> {
                scanPending.set(false);
                addresses.refresh(); // calls reestablish when what the node advertises changed
            }, SETTLE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** On the timer: compares how far each clock moved since the last check. */
    void checkClocks() {
        long wall = wallMs.getAsLong(), mono = monotonicMs.getAsLong();
        long skew = (wall - lastWallMs) - (mono - lastMonotonicMs);
        lastWallMs = wall;
        lastMonotonicMs = mono;
        if (Math.abs(skew) > JUMP_MS) {
            addresses.refresh();
            reestablish("the clocks jumped by " + skew + " ms (sleep or a clock change)");
        }
    }

    private void reestablish(String why) {
        log.accept("network change: " + why + "; re-establishing paths");
        runner.execute((node, now) -> node.networkChanged(now));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (events != null) events.close();
    }
}
