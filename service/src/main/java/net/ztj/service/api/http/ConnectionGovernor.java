package net.ztj.service.api.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the listeners of one server share: its {@link HttpLimits}, the pools of connections they bound (see
 * {@link ConnectionSlots}), and one timer thread that closes connections whose deadline has passed. Closing the
 * socket is what ends a blocked read or write, so a deadline holds whatever the client does.
 */
public final class ConnectionGovernor implements AutoCloseable {
    private final HttpLimits limits;
    private final ConnectionSlots<HttpConnection> slots;
    private final ScheduledThreadPoolExecutor timer;

    public ConnectionGovernor(HttpLimits limits) {
        this.limits = limits;
        this.slots = new ConnectionSlots<>(limits.maxUnprovenConnections(), limits.maxAuthenticatedConnections(),
                HttpConnection::started);
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("api-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public HttpLimits limits() {
        return limits;
    }

    /** Registers a new connection, closing the oldest unproven one if their pool is full. */
    void open(HttpConnection connection) {
        slots.open(connection).ifPresent(HttpConnection::abort);
    }

    /** The connection showed a valid token: moves it to the authenticated pool if there is room. */
    void authenticated(HttpConnection connection) {
        slots.authenticate(connection);
    }

    void closed(HttpConnection connection) {
        slots.close(connection);
    }

    /** Runs {@code action} after {@code delayNanos}; null (and the action run now) once the governor is closed. */
    ScheduledFuture<?> after(long delayNanos, Runnable action) {
        try {
            return timer.schedule(action, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            action.run();
            return null;
        }
    }

    int unprovenConnections() {
        return slots.unproven();
    }

    int authenticatedConnections() {
        return slots.authenticated();
    }

    /** Stops the timer; connections are closed by their listeners. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
