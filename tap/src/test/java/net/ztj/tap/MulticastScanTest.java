package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of /proc/net/dev_mcast text (spec 05 §8.8); needs no root. */
class MulticastScanTest {
    private static final String SAMPLE = """
            1    lo              1     0     01005e000001
            1    lo              1     0     333300000001
            2    eth0            1     0     333300000001
            2    eth0            1     0     01005e000001
            2    eth0            1     0     3333ff000002
            5    ztezodum4a      1     0     333300000001
            5    ztezodum4a      1     0     3333ff396c6c
            5    ztezodum4a      1     0     01005e000001
            5    ztezodum4a      2     0     3333FF396C6C
            5    ztezodum4a\t1\t0\t01005e0000fb
            """;

    @Test
    void groupsOfOneInterfaceSortedAndDistinct() {
        assertEquals(List.of(0x01005e000001L, 0x01005e0000fbL, 0x333300000001L, 0x3333ff396c6cL),
                MulticastScan.parse(SAMPLE, "ztezodum4a"));
        assertEquals(List.of(0x01005e000001L, 0x333300000001L, 0x3333ff000002L), MulticastScan.parse(SAMPLE, "eth0"));
    }

    @Test
    void unknownInterfaceAndEmptyTextGiveNothing() {
        assertEquals(List.of(), MulticastScan.parse(SAMPLE, "zt"));
        assertEquals(List.of(), MulticastScan.parse("", "eth0"));
    }

    @Test
    void malformedLinesAreSkipped() {
        String text = """
                2 eth0 1 0
                2 eth0 1 0 01005e00000
                2 eth0 1 0 01005e0000zz
                2 eth0 1 0 +1005e000001
                2 eth0 1 0 0x005e000001
                garbage

                   2    eth0   1  0  01005e000002   extra
                """;
        assertEquals(List.of(0x01005e000002L), MulticastScan.parse(text, "eth0"));
    }
}
