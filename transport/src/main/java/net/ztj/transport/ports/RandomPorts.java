package net.ztj.transport.ports;

import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/** The reference's random port choices (spec 05 §2.3 step 5 and §9.1). */
public final class RandomPorts {
    /** Random ports are drawn from {@code LOWEST .. LOWEST + SPAN - 1} = 20000..65499. */
    public static final int LOWEST = 20000;
    public static final int SPAN = 45500;
    /** Attempts for a random primary port. */
    public static final int PRIMARY_ATTEMPTS = 256;
    /** Attempts for a random secondary or tertiary port. */
    public static final int SECONDARY_ATTEMPTS = 1000;

    private RandomPorts() {}

    /**
     * A primary port for {@code -p0}: up to 256 independent draws, the first that {@code usable} accepts.
     *
     * @return empty if none was usable
     */
    public static OptionalInt primary(RandomGenerator random, IntPredicate usable) {
        for (int i = 0; i < PRIMARY_ATTEMPTS; i++) {
            int port = LOWEST + (int) (unsigned(random) % SPAN);
            if (usable.test(port)) return OptionalInt.of(port);
        }
        return OptionalInt.empty();
    }

    /**
     * A secondary (or tertiary) port: start at a random point, then try each following port (65536 wraps to 20000)
     * until {@code usable} accepts one, about a thousand times at most. {@code usable} normally binds the port for
     * real, so the choice cannot be lost to a race.
     *
     * @return empty if none was usable
     */
    public static OptionalInt secondary(RandomGenerator random, IntPredicate usable) {
        int port = LOWEST + (int) (unsigned(random) % SPAN);
        for (int i = 0; i <= SECONDARY_ATTEMPTS; i++) {
            if (++port >= 65536) port = LOWEST;
            if (usable.test(port)) return OptionalInt.of(port);
        }
        return OptionalInt.empty();
    }

    private static long unsigned(RandomGenerator random) {
        return random.nextInt() & 0xffffffffL;
    }
}
