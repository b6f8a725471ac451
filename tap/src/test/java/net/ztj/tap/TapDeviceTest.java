package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.ztj.tap.offload.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real tap device in this machine's network namespace (root only): creation with MAC, MTU and UP,
 * frames both ways, close waking a blocked reader, the interface gone after close. The tap has no peer
 * and the only traffic is the kernel's own, through this tap.
 */
class TapDeviceTest {
    private static final long MAC = 0x0a_12_34_56_78_9aL;

    private String name;
    private LinuxTap tap;

    @BeforeEach
    void openTap() throws Exception {
        RootOnly.assumeTapsCanBeCreated();
        name = RootOnly.randomName();
        tap = LinuxTap.open(name, MAC, 2800);
    }

    @AfterEach
    void closeTap() throws Exception {
        if (tap != null) {
            tap.close();
            assertTrue(RootOnly.awaitGone(name, 2000), "interface " + name + " still exists after close");
        }
    }

    @Test
    void createdWithMacMtuUpAsNonPersistentTapWithoutPacketInfo() throws Exception {
        assertEquals(name, tap.name());
        JsonNode link = RootOnly.ipJson("-d", "link", "show", name);
        assertEquals("0a:12:34:56:78:9a", link.path("address").asText());
        assertEquals(2800, link.path("mtu").asInt());
        assertEquals(tap.ifIndex(), link.path("ifindex").asInt());
        List<String> flags = new ArrayList<>();
        link.path("flags").forEach(f -> flags.add(f.asText()));
        assertTrue(flags.contains("UP"), flags.toString());
        assertTrue(flags.contains("MULTICAST"), flags.toString());
        JsonNode info = link.path("linkinfo");
        assertEquals("tun", info.path("info_kind").asText(), link.toString());
        assertEquals("tap", info.path("info_data").path("type").asText(), link.toString());
        assertFalse(info.path("info_data").path("pi").asBoolean(true), link.toString());
        assertFalse(info.path("info_data").path("persist").asBoolean(true), link.toString());
        assertTrue(tap.offloads(), "the kernel took IFF_VNET_HDR and TSO");
    }

    @Test
    void setMtuChangesTheInterface() throws Exception {
        tap.setMtu(1400);
        assertEquals(1400, tap.mtu());
        assertEquals(1400, RootOnly.ipJson("link", "show", name).path("mtu").asInt());
        assertThrows(IllegalArgumentException.class, () -> tap.setMtu(10));
        assertEquals(1400, tap.mtu());
    }

    @Test
    void readsFramesTheKernelSendsWithOurSourceMac() throws Exception {
        // With IPv6 on, bringing the tap up already makes the kernel send MLD reports and neighbour
        // solicitations; an IPv4 address and a datagram to an unknown neighbour add ARP requests.
        List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger truncated = new AtomicInteger(Integer.MIN_VALUE);
        Semaphore frameRead = new Semaphore(0);
        Thread reader = Thread.ofPlatform().name("tap-reader").start(() -> {
            byte[] buf = new byte[LinuxTap.FRAME_BUFFER_SIZE];
            try {
                int first = tap.read(buf, 5, 20); // a frame longer than maxLen is truncated to it
                truncated.set(first);
                if (first >= 0) {
                    frames.add(java.util.Arrays.copyOfRange(buf, 5, 5 + first));
                    frameRead.release();
                }
                int n;
                while ((n = tap.read(buf, 0, buf.length)) >= 0) {
                    frames.add(java.util.Arrays.copyOf(buf, n));
                }
            } catch (Exception e) {
                frames.add(new byte[0]);
                frameRead.release();
            }
        });
        int x = ThreadLocalRandom.current().nextInt(256);
        try (Netlink netlink = Netlink.open(); DatagramSocket udp = new DatagramSocket()) {
            netlink.addAddress(tap.ifIndex(), name, IpPrefix.parse("198.18." + x + ".1/24"));
            // a datagram to an unknown neighbour makes the kernel send ARP; repeated until the reader has a frame
            for (int attempt = 0; attempt < 50; attempt++) {
                byte[] hello = "ztj tap test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                udp.send(new DatagramPacket(hello, hello.length,
                        new InetSocketAddress(InetAddress.getByName("198.18." + x + ".77"), 9)));
                if (frameRead.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } finally {
            tap.close();
            assertTrue(reader.join(java.time.Duration.ofSeconds(60)), "reader still blocked after close");
        }
        assertFalse(frames.isEmpty(), "no frame from the kernel");
        assertEquals(20, truncated.get(), "every frame the kernel sends is longer than 20 bytes");
        for (byte[] f : frames) {
            assertTrue(f.length >= EthernetTap.ETHERNET_HEADER_LENGTH, "frame of " + f.length + " bytes (or a read error)");
            long source = 0;
            for (int i = 6; i < 12; i++) {
                source = source << 8 | (f[i] & 0xff);
            }
            assertEquals(LinuxTap.formatMac(MAC), LinuxTap.formatMac(source));
        }
    }

    @Test
    void writtenFrameReachesTheKernel() throws Exception {
        Path rxPackets = Path.of("/sys/class/net", name, "statistics", "rx_packets");
        long before = Long.parseLong(Files.readString(rxPackets).trim());
        byte[] frame = new byte[64 + 3];
        java.util.Arrays.fill(frame, 3, 9, (byte) 0xff); // broadcast destination, after 3 bytes of offset
        byte[] source = {0x0a, 0x12, 0x34, 0x56, 0x78, (byte) 0x9b};
        System.arraycopy(source, 0, frame, 9, 6);
        frame[15] = (byte) 0x88; // EtherType 0x88b5: local experimental, nobody handles it
        frame[16] = (byte) 0xb5;
        tap.write(frame, 3, 64);
        long end = System.nanoTime() + 2_000_000_000L;
        long after = before;
        while (after == before && System.nanoTime() < end) {
            Thread.sleep(20);
            after = Long.parseLong(Files.readString(rxPackets).trim());
        }
        assertEquals(before + 1, after, "rx_packets of " + name);
        assertThrows(IllegalArgumentException.class, () -> tap.write(frame, 0, 13));
        assertThrows(IllegalArgumentException.class, () -> tap.write(new byte[20000], 0, 20000));
        assertThrows(IndexOutOfBoundsException.class, () -> tap.write(frame, 10, 64));
    }

    @Test
    void plainFramesWrittenCoalescingAreHeldUntilFlushedAndWrittenOutWhenTheRoomIsFull() throws Exception {
        Path rxPackets = Path.of("/sys/class/net", name, "statistics", "rx_packets");
        long before = Long.parseLong(Files.readString(rxPackets).trim());
        byte[] frame = new byte[64];
        java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
        System.arraycopy(new byte[] {0x0a, 0x12, 0x34, 0x56, 0x78, (byte) 0x9b}, 0, frame, 6, 6);
        frame[12] = (byte) 0x88; // 0x88b5: local experimental, nobody answers it
        frame[13] = (byte) 0xb5;
        tap.writeCoalescing(frame, 0, frame.length);
        tap.writeCoalescing(frame, 0, frame.length);
        assertTrue(tap.holding());
        // a tap write is counted by the kernel before write(2) returns: nothing reached it yet
        assertEquals(before, Long.parseLong(Files.readString(rxPackets).trim()), "held, not written");
        tap.flush();
        assertFalse(tap.holding());
        assertEquals(before + 2, awaitCount(rxPackets, before + 2), "both written by the flush");

        for (int i = 0; i < LinuxTap.HELD_FRAMES + 1; i++) tap.writeCoalescing(frame, 0, frame.length);
        assertEquals(before + 2 + LinuxTap.HELD_FRAMES, awaitCount(rxPackets, before + 2 + LinuxTap.HELD_FRAMES),
                "a full room is written out before the next frame is held");
        assertTrue(tap.holding());
        tap.flush();
        assertEquals(before + 3 + LinuxTap.HELD_FRAMES, awaitCount(rxPackets, before + 3 + LinuxTap.HELD_FRAMES));
    }

    /** Waits (up to 2 s) until the counter file reaches {@code want}; returns what it holds then. */
    private static long awaitCount(Path counter, long want) throws Exception {
        long end = System.nanoTime() + 2_000_000_000L;
        long v = Long.parseLong(Files.readString(counter).trim());
        while (v < want && System.nanoTime() < end) {
            Thread.sleep(10);
            v = Long.parseLong(Files.readString(counter).trim());
        }
        return v;
    }

    @Test
    void segmentsWrittenCoalescingReachTheKernelAsOneSuperFrame() throws Exception {
        Path stats = Path.of("/sys/class/net", name, "statistics");
        long packetsBefore = Long.parseLong(Files.readString(stats.resolve("rx_packets")).trim());
        long bytesBefore = Long.parseLong(Files.readString(stats.resolve("rx_bytes")).trim());
        int mss = 1400, total = 0;
        for (int i = 0; i < 5; i++) {
            byte[] segment = Packets.tcpFrame(true, 0, 12, 1000 + i * mss, 0x10, i, Packets.payload(mss, i));
            tap.writeCoalescing(segment, 0, segment.length);
            total += segment.length - (i == 0 ? 0 : 14 + 20 + 32);
        }
        assertEquals(0, tap.offloadStats().superFramesWritten(), "held until flushed");
        tap.flush();
        assertEquals(1, tap.offloadStats().superFramesWritten());
        assertEquals(5, tap.offloadStats().segmentsMerged());
        long end = System.nanoTime() + 2_000_000_000L;
        long packets = packetsBefore;
        while (packets == packetsBefore && System.nanoTime() < end) {
            Thread.sleep(20);
            packets = Long.parseLong(Files.readString(stats.resolve("rx_packets")).trim());
        }
        assertEquals(packetsBefore + 1, packets, "one packet: the kernel took the super-frame whole");
        assertEquals(bytesBefore + total, Long.parseLong(Files.readString(stats.resolve("rx_bytes")).trim()));
    }

    @Test
    void closeWakesABlockedReaderAndRemovesTheInterface() throws Exception {
        AtomicInteger last = new AtomicInteger(Integer.MIN_VALUE);
        Thread reader = Thread.ofPlatform().name("tap-reader").start(() -> {
            byte[] buf = new byte[2000];
            try {
                int n;
                while ((n = tap.read(buf, 0, buf.length)) >= 0) {
                    // kernel frames may arrive before close; keep reading
                }
                last.set(n);
            } catch (Exception e) {
                last.set(Integer.MAX_VALUE);
            }
        });
        awaitWaitingForFrames(reader);
        tap.close();
        // close must wake it; the bound only keeps a regression from hanging the build, it measures nothing
        assertTrue(reader.join(java.time.Duration.ofSeconds(60)), "the reader is still blocked after close");
        assertEquals(-1, last.get());
        assertTrue(RootOnly.awaitGone(name, 10_000), "interface still present after close");
        assertTrue(tap.isClosed());

        assertEquals(-1, tap.read(new byte[100], 0, 100));
        tap.write(new byte[60], 0, 60); // dropped silently
        tap.close(); // idempotent
        assertThrows(java.io.IOException.class, () -> tap.setMtu(1500));
    }

    /** Waits until {@code reader} is in the tap's wait for a readable frame (its poll). */
    private static void awaitWaitingForFrames(Thread reader) {
        long giveUp = System.nanoTime() + 60_000_000_000L; // against a hang only
        while (true) {
            assertTrue(reader.isAlive(), "the reader returned before close");
            assertTrue(System.nanoTime() < giveUp, "the reader never waited for a frame");
            for (StackTraceElement frame : reader.getStackTrace()) {
                if (frame.getClassName().equals(LinuxTap.class.getName()) && frame.getMethodName().equals("awaitReady")) {
                    return;
                }
            }
            Thread.yield();
        }
    }

    @Test
    void multicastScanSeesTheGroupsTheKernelJoined() throws Exception {
        long end = System.nanoTime() + 3_000_000_000L;
        List<Long> groups = MulticastScan.read(name);
        while (!groups.contains(0x01005e000001L) && System.nanoTime() < end) {
            Thread.sleep(50);
            groups = MulticastScan.read(name);
        }
        assertTrue(groups.contains(0x01005e000001L), "IPv4 all-hosts group missing: " + groups);
        if (!"1".equals(Files.readString(Path.of("/proc/sys/net/ipv6/conf", name, "disable_ipv6")).trim())) {
            assertTrue(groups.contains(0x333300000001L), "IPv6 all-nodes group missing: " + groups);
        }
    }

    @Test
    void secondOpenOfTheSameNameAndNonTapNamesFailWithErrno() throws Exception {
        NativeCallException busy = assertThrows(NativeCallException.class, () -> LinuxTap.open(name, MAC, 2800));
        assertEquals("EBUSY", busy.errnoName(), busy.getMessage());
        assertTrue(busy.getMessage().startsWith("could not create tap device " + name + ": "), busy.getMessage());

        NativeCallException notTap = assertThrows(NativeCallException.class, () -> LinuxTap.open("lo", MAC, 2800));
        assertNotEquals(0, notTap.errno());
        assertTrue(RootOnly.interfaceExists("lo"));
        if (notTap.errno() == 0) {
            fail();
        }
    }
}
