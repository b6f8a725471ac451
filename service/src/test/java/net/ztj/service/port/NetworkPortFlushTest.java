package net.ztj.service.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.ztj.service.node.NodeRunner;
import net.ztj.tap.EthernetTap;
import org.junit.jupiter.api.Test;

/**
 * A port's writes and flushes: the node's frames go to the tap with their Ethernet header, what the tap holds is
 * flushed by the first flush after them and only then, and a frame over the MTU is dropped and counted.
 */
class NetworkPortFlushTest {
    /** Records what is written and flushed; never gives a frame to read. */
    private static final class RecordingTap implements EthernetTap {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override public String name() { return "zttest"; }
        @Override public long mac() { return 0x0a0000000001L; }
        @Override public int mtu() { return 1500; }
        @Override public void setMtu(int mtu) { }
        @Override public int read(byte[] buf, int off, int maxLen) { return -1; }
        @Override public void write(byte[] buf, int off, int len) { calls.add("write " + len); }
        @Override public void close() { }

        @Override
        public void writeCoalescing(byte[] buf, int off, int len) {
            calls.add(String.format("hold %d %02x%02x", len, buf[off + 12], buf[off + 13]));
        }

        @Override
        public void flush() {
            calls.add("flush");
        }
    }

    @Test
    void heldFramesAreFlushedOnceAfterTheirTurn() {
        RecordingTap tap = new RecordingTap();
        try (NodeRunner runner = new NodeRunner(System::currentTimeMillis, new PrintStream(new ByteArrayOutputStream()))) {
            NetworkPort port = new NetworkPort(1, tap, 7, runner, new PrintStream(new ByteArrayOutputStream()));
            port.flushIfHeld();
            assertEquals(List.of(), tap.calls, "nothing held: no flush");
            port.write(1, 2, 0x0800, new byte[84], 0, 84);
            port.write(1, 2, 0x0806, new byte[28], 0, 28);
            port.write(1, 2, 0x0800, new byte[1501], 0, 1501); // over the MTU
            port.flushIfHeld();
            port.flushIfHeld();
            assertEquals(List.of("hold 98 0800", "hold 42 0806", "flush"), tap.calls);
            assertEquals(1, port.counters().oversizeDropped());
            assertEquals(2, port.counters().framesWritten());
        }
    }
}
