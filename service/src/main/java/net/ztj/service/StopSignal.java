package net.ztj.service;

import java.util.concurrent.CountDownLatch;

/** Tells the running service to stop: fired by OS signals in production and by tests directly. */
public final class StopSignal {
    private final CountDownLatch fired = new CountDownLatch(1);

    public void fire() {
        fired.countDown();
    }

    public boolean isFired() {
        return fired.getCount() == 0;
    }

    /** Waits until fired or the time is up; true if fired. */
    public boolean await(long timeoutMs) throws InterruptedException {
        return fired.await(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Waits until fired. */
    public void await() throws InterruptedException {
        fired.await();
    }
}
