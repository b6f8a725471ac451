package net.ztj.service.api.http;

import net.ztj.core.identity.Address;
import net.ztj.service.api.LocalApi;
import net.ztj.service.config.LocalConf;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.RawHttp;
import net.ztj.service.testing.SpecFixtures;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** The real API handler (over a fake node) behind a real listener on 127.0.0.1, with the limits a test chooses. */
final class ApiUnderTest implements AutoCloseable {
    static final String TOKEN = "xg0jdyd4y9g1p1a2yq6dp3kf";
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final ConnectionGovernor governor;
    private final HttpListener listener;

    ApiUnderTest(Path home, HttpLimits limits) throws IOException {
        governor = new ConnectionGovernor(limits);
        listener = HttpListener.start(new InetSocketAddress(LOOPBACK, 0), false, LocalApi.handler(
                new FakeNode(SpecFixtures.memberStatus()), SpecFixtures::memberService, LocalConf.none(),
                new MoonFiles(home.resolve("moons.d")), new NetworkFiles(home.resolve("networks.d")), Optional.empty(),
                Address.parse("ed7e70d932"), new SplittableRandom(1), TOKEN, () -> SpecFixtures.MEMBER_STATUS_CLOCK),
                governor);
    }

    int port() {
        return listener.address().getPort();
    }

    RawHttp connect() throws IOException {
        return new RawHttp(LOOPBACK, port());
    }

    /** Waits until {@code condition} holds, failing after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting: " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        listener.close();
        governor.close();
    }
}
