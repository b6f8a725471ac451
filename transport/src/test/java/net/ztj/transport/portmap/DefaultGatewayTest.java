package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultGatewayTest {
    private static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    void picksTheDefaultRouteWithTheLowestMetric() {
        List<String> table = List.of(HEADER,
                "eth0\t0052000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0", // on-link subnet
                "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
                "eth0\t00000000\t0100520A\t0003\t0\t0\t100\t00000000\t0\t0\t0");
        assertArrayEquals(new byte[] {10, 82, 0, 1}, DefaultGateway.parse(table).orElseThrow());
    }

    @Test
    void noneWithoutAnUsableDefaultRoute() {
        assertTrue(DefaultGateway.parse(List.of()).isEmpty());
        assertTrue(DefaultGateway.parse(List.of(HEADER, "eth0\t0052000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")).isEmpty());
        assertTrue(DefaultGateway.parse(List.of(HEADER, "eth0\t00000000\t0100520A\t0001\t0\t0\t0\t00000000\t0\t0\t0")).isEmpty(),
                "not flagged as a gateway route");
        assertTrue(DefaultGateway.parse(List.of(HEADER, "eth0 zz yy", "eth0\tXX\t0100520A\t0003\t0\t0\t0\t00000000")).isEmpty());
    }
}
