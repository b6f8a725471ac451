package net.ztj.tap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import net.ztj.linux.Errno;
import net.ztj.linux.Libc;
import net.ztj.linux.Poll;
import net.ztj.tap.offload.FrameBatch;
import net.ztj.tap.offload.OffloadStats;
import net.ztj.tap.offload.TcpFlowCoalescer;
import net.ztj.tap.offload.TcpSegmenter;
import net.ztj.tap.offload.VirtioNetHeader;

/**
 * A Linux tap device (spec 05 §8.3–8.4) opened through {@code /dev/net/tun} with FFM downcalls: a TAP
 * without packet-information header, non-persistent (the interface vanishes when the port is closed),
 * close-on-exec, with the given MAC and MTU, brought up with UP|MULTICAST before {@link #open} returns.
 *
 * <p>Threads: one reader thread calls {@link #read} and one writer thread calls {@link #write} (each owns a
 * preallocated native buffer, so neither allocates per frame); {@link #setMtu}, the accessors and
 * {@link #close} may be called from any thread. {@code close} wakes a blocked reader through an eventfd
 * that the reader polls beside the tap descriptor; the descriptors and native memory are released by
 * whichever thread leaves the last native call, so no call ever uses a closed (or reused) descriptor.
 * {@link Thread#interrupt} does not end a blocked read; {@code close} does.
 *
 * <p>Offloads: by default the tap is opened with IFF_VNET_HDR and the kernel is told (TUNSETOFFLOAD) that we complete
 * checksums and segment TCP (TSO over IPv4 and IPv6), so its TCP hands us super-frames of up to 64 KiB in one read;
 * {@link #read(FrameBatch)} cuts them into frames of the MTU ({@link TcpSegmenter}). In the other direction
 * {@link #writeCoalescing} merges consecutive segments of a TCP flow into one super-frame written once
 * ({@link TcpFlowCoalescer}, several flows at once). The MTU the kernel sees stays the network's. Where the kernel refuses the header or the
 * offloads, frames are plain, as without them. {@link #offloadStats} counts what happened.
 *
 * <p>ZeroTier sets the MAC, brings the port up and sets MAC and MTU again from its reader thread with
 * 100 ms pauses (spec 05 §8.3); here {@code open} does MAC, MTU, then UP synchronously, which the kernel
 * honours as is (the IPv6 link-local address is derived from the final MAC because it is set first).
 */
public final class LinuxTap implements EthernetTap {
    /** Smallest MTU accepted (the IPv4 minimum). */
    public static final int MIN_MTU = 68;
    /** Largest plain frame written or read; bounds the MTU. */
    public static final int FRAME_BUFFER_SIZE = 16 * 1024;
    /** Largest MTU accepted: a full frame (header and a VLAN tag) must fit the native buffers. */
    public static final int MAX_MTU = FRAME_BUFFER_SIZE - ETHERNET_HEADER_LENGTH - 4;
    /**
     * Size of each native buffer (reader and writer): a virtio header and a TCP super-frame of 64 KiB with its
     * headers fit; a read that fills it whole was cut short and is dropped.
     */
    static final int IO_BUFFER_SIZE = 96 * 1024;

    // <linux/if_tun.h>, <linux/sockios.h>, <linux/if.h>, <linux/if_arp.h>
    private static final long TUNSETIFF = 0x400454caL, TUNSETOFFLOAD = 0x400454d0L, TUNSETVNETHDRSZ = 0x400454d8L;
    private static final int TUN_F_CSUM = 0x01, TUN_F_TSO4 = 0x02, TUN_F_TSO6 = 0x04;
    private static final short IFF_VNET_HDR = 0x4000;
    private static final long SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914, SIOCSIFMTU = 0x8922,
            SIOCSIFHWADDR = 0x8924, SIOCGIFINDEX = 0x8933;
    private static final short IFF_TAP = 0x0002, IFF_NO_PI = 0x1000, IFF_UP = 0x1, IFF_MULTICAST = 0x1000;
    private static final short ARPHRD_ETHER = 1;
    /** struct ifreq: char ifr_name[16]; then a 24-byte union (flags, mtu, ifindex, sockaddr hwaddr). */
    private static final int IFNAMSIZ = 16, IFREQ_SIZE = 40, IFREQ_UNION = 16;

    private static final Object OPEN_LOCK = new Object();

    private final String name;
    private final long mac;
    private final int ifIndex;
    private volatile int mtu;
    /** Whether every frame read and written is preceded by a virtio_net_hdr. */
    private final boolean vnetHeader;
    /** Whether the kernel agreed to hand us super-frames and partial checksums. */
    private final boolean offloads;

    private final Arena arena;
    private final int tapFd;
    private final int wakeFd;
    private final int controlFd;
    // reader's, writer's and control's own native memory: no allocation after open
    private final MemorySegment readBuffer, readErrno, readPollFds;
    private final MemorySegment writeBuffer, writeErrno, writePollFds;
    private final MemorySegment controlIfreq, controlErrno;
    private final MemorySegment wakeValue, closeErrno;
    // reader's and writer's Java-side state
    private final byte[] readArray = new byte[IO_BUFFER_SIZE];
    private final FrameBatch singleReads = new FrameBatch();
    private int singleReadsNext;
    private final TcpFlowCoalescer coalescer = new TcpFlowCoalescer(this::writeMerged);
    private final byte[] plainWrite = new byte[VirtioNetHeader.LENGTH + FRAME_BUFFER_SIZE];
    // counters: each written by one thread (reader or writer), read by any
    private volatile long superFramesRead, segmentsCut, offloadDrops, superFramesWritten, segmentsMerged;

    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private int activeCalls; // guarded by lifecycle
    private boolean released; // guarded by lifecycle

    private LinuxTap(String name, long mac, int mtu, int ifIndex, boolean vnetHeader, boolean offloads, Arena arena,
                     int tapFd, int wakeFd, int controlFd, MemorySegment controlIfreq, MemorySegment controlErrno) {
        this.name = name;
        this.vnetHeader = vnetHeader;
        this.offloads = offloads;
        this.mac = mac;
        this.mtu = mtu;
        this.ifIndex = ifIndex;
        this.arena = arena;
        this.tapFd = tapFd;
        this.wakeFd = wakeFd;
        this.controlFd = controlFd;
        this.controlIfreq = controlIfreq;
        this.controlErrno = controlErrno;
        this.readBuffer = arena.allocate(IO_BUFFER_SIZE, 16);
        this.readErrno = Libc.newErrnoState(arena);
        this.readPollFds = arena.allocate(Poll.PAIR_SIZE, 8);
        this.writeBuffer = arena.allocate(IO_BUFFER_SIZE, 16);
        this.writeErrno = Libc.newErrnoState(arena);
        this.writePollFds = arena.allocate(Poll.PAIR_SIZE, 8);
        this.wakeValue = arena.allocate(JAVA_LONG);
        this.closeErrno = Libc.newErrnoState(arena);
    }

    /** {@link #open(String, long, int, boolean)} with offloads. */
    public static LinuxTap open(String name, long mac, int mtu) throws IOException {
        return open(name, mac, mtu, true);
    }

    /**
     * Creates the tap interface {@code name} with MAC {@code mac} and MTU {@code mtu}, and brings it up.
     * Only one port is created at a time (calls are serialised).
     *
     * @param name 1–15 characters, no '/', ':' or whitespace (a kernel template such as {@code zt%d} is
     *             allowed; {@link #name()} then gives the name the kernel chose)
     * @param mac  a unicast, non-zero 48-bit MAC
     * @param mtu  {@link #MIN_MTU}..{@link #MAX_MTU}
     * @param offloads whether to ask for TCP super-frames and partial checksums (see the class comment)
     * @throws NativeCallException with the step and errno, e.g. "could not open TUN/TAP device: No such
     *                             file or directory (ENOENT)"; nothing is left behind on failure
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static LinuxTap open(String name, long mac, int mtu, boolean offloads) throws IOException {
        checkName(name);
        checkMac(mac);
        checkMtu(mtu);
        synchronized (OPEN_LOCK) {
            Arena arena = Arena.ofShared();
            int tapFd = -1, wakeFd = -1, controlFd = -1;
            try {
                MemorySegment errno = Libc.newErrnoState(arena);
                tapFd = openTunDevice(arena, errno);
                MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
                boolean vnetHeader = offloads;
                int created = createTap(tapFd, ifr, errno, name, vnetHeader);
                if (created < 0 && vnetHeader && Libc.errno(errno) == Errno.EINVAL) {
                    vnetHeader = false; // a kernel without IFF_VNET_HDR: plain frames
                    created = createTap(tapFd, ifr, errno, name, false);
                }
                if (created < 0) {
                    throw new NativeCallException("could not create tap device " + name, Libc.errno(errno));
                }
                String actual = ifr.getString(0, StandardCharsets.US_ASCII);
                boolean kernelOffloads = vnetHeader && enableOffloads(tapFd, arena, errno);

                controlFd = Libc.socket(errno, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
                if (controlFd < 0) {
                    throw new NativeCallException("could not open control socket for " + actual, Libc.errno(errno));
                }
                setHardwareAddress(controlFd, ifr, errno, actual, mac);
                setInterfaceMtu(controlFd, ifr, errno, actual, mtu);
                bringUp(controlFd, ifr, errno, actual);
                int ifIndex = interfaceIndex(controlFd, ifr, errno, actual);

                wakeFd = Poll.newWakeFd(errno);
                if (wakeFd < 0) {
                    throw new NativeCallException("could not create eventfd for " + actual, Libc.errno(errno));
                }
                return new LinuxTap(actual, mac, mtu, ifIndex, vnetHeader, kernelOffloads, arena, tapFd, wakeFd, controlFd,
                        ifr, errno);
            } catch (IOException | RuntimeException | Error e) {
                Libc.closeQuietly(wakeFd);
                Libc.closeQuietly(controlFd);
                Libc.closeQuietly(tapFd);
                arena.close();
                throw e;
            }
        }
    }

    /**
     * Runs the read and write path of this class {@code frames} times over a pipe instead of a tap (the same
     * system-call wrappers, buffers and poll), so that the JIT has compiled it before the first real frame. Needs
     * no privilege and creates no interface. Returns the frames read back.
     */
    public static long warmUp(int frames) throws IOException {
        Arena arena = Arena.ofShared();
        MemorySegment errno = Libc.newErrnoState(arena);
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        int[] wake = {-1, -1};
        if (Libc.pipe2(errno, fds, Libc.O_CLOEXEC | Libc.O_NONBLOCK) < 0) {
            arena.close();
            throw new NativeCallException("could not create a pipe for the tap warm-up", Libc.errno(errno));
        }
        int readEnd = fds.getAtIndex(JAVA_INT, 0), writeEnd = fds.getAtIndex(JAVA_INT, 1);
        for (int i = 0; i < 2; i++) wake[i] = Poll.newWakeFd(errno);
        if (wake[0] < 0 || wake[1] < 0) {
            for (int fd : new int[] {readEnd, writeEnd, wake[0], wake[1]}) Libc.closeQuietly(fd);
            arena.close();
            throw new NativeCallException("could not create eventfd for the tap warm-up", Libc.errno(errno));
        }
        // each probe closes its own descriptors; they share the arena, closed by the last of them
        Arena readArena = Arena.ofShared(), writeArena = Arena.ofShared();
        LinuxTap reader = new LinuxTap("warm-up", 2, MAX_MTU, 0, true, true, readArena, readEnd, wake[0], -1,
                readArena.allocate(IFREQ_SIZE, 8), Libc.newErrnoState(readArena));
        LinuxTap writer = new LinuxTap("warm-up", 2, MAX_MTU, 0, true, true, writeArena, writeEnd, wake[1], -1,
                writeArena.allocate(IFREQ_SIZE, 8), Libc.newErrnoState(writeArena));
        arena.close();
        byte[] frame = new byte[98], in = new byte[FRAME_BUFFER_SIZE];
        long read = 0;
        try {
            for (int i = 0; i < frames; i++) {
                if ((i & 1) == 0) {
                    writer.write(frame, 0, frame.length);
                } else { // the daemon's way: a frame that may be held back, then the end-of-turn flush
                    writer.writeCoalescing(frame, 0, frame.length);
                    writer.flush();
                }
                if (reader.read(in, 0, in.length) > 0) read++;
            }
        } finally {
            writer.close();
            reader.close();
        }
        return read;
    }

    private static int createTap(int tapFd, MemorySegment ifr, MemorySegment errno, String name, boolean vnetHeader) {
        prepare(ifr, name);
        ifr.set(JAVA_SHORT, IFREQ_UNION, (short) (IFF_TAP | IFF_NO_PI | (vnetHeader ? IFF_VNET_HDR : 0)));
        return Libc.ioctl(errno, tapFd, TUNSETIFF, ifr);
    }

    /**
     * Sets the virtio header size and asks for checksum and TCP segmentation offloads; false (frames stay plain,
     * their header all zero) if the kernel refuses.
     */
    private static boolean enableOffloads(int tapFd, Arena arena, MemorySegment errno) {
        MemorySegment size = arena.allocate(JAVA_INT);
        size.set(JAVA_INT, 0, VirtioNetHeader.LENGTH);
        if (Libc.ioctl(errno, tapFd, TUNSETVNETHDRSZ, size) < 0) return false;
        // TUNSETOFFLOAD takes the flags as the argument itself, not through a pointer
        return Libc.ioctl(errno, tapFd, TUNSETOFFLOAD, MemorySegment.ofAddress(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)) == 0;
    }

    private static int openTunDevice(Arena arena, MemorySegment errno) throws NativeCallException {
        int flags = Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NONBLOCK;
        int fd = Libc.open(errno, arena.allocateFrom("/dev/net/tun"), flags);
        if (fd < 0 && Libc.errno(errno) == Errno.ENOENT) {
            fd = Libc.open(errno, arena.allocateFrom("/dev/tun"), flags);
        }
        if (fd < 0) {
            throw new NativeCallException("could not open TUN/TAP device", Libc.errno(errno));
        }
        return fd;
    }

    private static void setHardwareAddress(int fd, MemorySegment ifr, MemorySegment errno, String name, long mac)
            throws NativeCallException {
        prepare(ifr, name);
        ifr.set(JAVA_SHORT, IFREQ_UNION, ARPHRD_ETHER); // sockaddr.sa_family, then sa_data[0..5] = MAC
        for (int i = 0; i < 6; i++) {
            ifr.set(JAVA_BYTE, IFREQ_UNION + 2 + i, (byte) (mac >>> (40 - 8 * i)));
        }
        if (Libc.ioctl(errno, fd, SIOCSIFHWADDR, ifr) < 0) {
            throw new NativeCallException("could not set MAC " + formatMac(mac) + " on " + name, Libc.errno(errno));
        }
    }

    private static void setInterfaceMtu(int fd, MemorySegment ifr, MemorySegment errno, String name, int mtu)
            throws NativeCallException {
        prepare(ifr, name);
        ifr.set(JAVA_INT, IFREQ_UNION, mtu);
        if (Libc.ioctl(errno, fd, SIOCSIFMTU, ifr) < 0) {
            throw new NativeCallException("could not set MTU " + mtu + " on " + name, Libc.errno(errno));
        }
    }

    private static void bringUp(int fd, MemorySegment ifr, MemorySegment errno, String name) throws NativeCallException {
        prepare(ifr, name);
        if (Libc.ioctl(errno, fd, SIOCGIFFLAGS, ifr) < 0) {
            throw new NativeCallException("could not read the flags of " + name, Libc.errno(errno));
        }
        short flags = ifr.get(JAVA_SHORT, IFREQ_UNION);
        ifr.set(JAVA_SHORT, IFREQ_UNION, (short) (flags | IFF_UP | IFF_MULTICAST));
        if (Libc.ioctl(errno, fd, SIOCSIFFLAGS, ifr) < 0) {
            throw new NativeCallException("could not bring up " + name, Libc.errno(errno));
        }
    }

    private static int interfaceIndex(int fd, MemorySegment ifr, MemorySegment errno, String name)
            throws NativeCallException {
        prepare(ifr, name);
        if (Libc.ioctl(errno, fd, SIOCGIFINDEX, ifr) < 0) {
            throw new NativeCallException("could not read the index of " + name, Libc.errno(errno));
        }
        return ifr.get(JAVA_INT, IFREQ_UNION);
    }

    private static void prepare(MemorySegment ifr, String name) {
        ifr.fill((byte) 0);
        putName(ifr, name);
    }

    private static void putName(MemorySegment ifr, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, ifr, JAVA_BYTE, 0, bytes.length);
        ifr.set(JAVA_BYTE, bytes.length, (byte) 0);
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must have 1 to 15 characters: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == ':') {
                throw new IllegalArgumentException("interface name has a forbidden character: \"" + name + "\"");
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name cannot be \"" + name + "\"");
        }
    }

    static void checkMac(long mac) {
        if (mac <= 0 || (mac >>> 48) != 0) {
            throw new IllegalArgumentException("MAC must be a non-zero 48-bit value: " + Long.toHexString(mac));
        }
        if (((mac >>> 40) & 1) != 0) {
            throw new IllegalArgumentException("MAC must be unicast: " + formatMac(mac));
        }
    }

    static void checkMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("MTU must be " + MIN_MTU + ".." + MAX_MTU + ": " + mtu);
        }
    }

    /** {@code ca:6b:1a:39:6c:6c} for the low 48 bits of {@code mac}. */
    public static String formatMac(long mac) {
        StringBuilder s = new StringBuilder(17);
        HexFormat hex = HexFormat.of();
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                s.append(':');
            }
            s.append(hex.toHexDigits((byte) (mac >>> shift)));
        }
        return s.toString();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long mac() {
        return mac;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** The kernel's index of the interface (for netlink requests), fixed for the port's life. */
    public int ifIndex() {
        return ifIndex;
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closing;
    }

    @Override
    public void setMtu(int newMtu) throws IOException {
        checkMtu(newMtu);
        if (!enter()) {
            throw new IOException("tap " + name + " is closed");
        }
        try {
            synchronized (controlIfreq) {
                setInterfaceMtu(controlFd, controlIfreq, controlErrno, name, newMtu);
                mtu = newMtu;
            }
        } finally {
            exit();
        }
    }

    /** Whether frames carry a virtio header and the kernel hands us TCP super-frames (see the class comment). */
    public boolean offloads() {
        return offloads;
    }

    @Override
    public OffloadStats offloadStats() {
        return new OffloadStats(offloads, superFramesRead, segmentsCut, offloadDrops, superFramesWritten, segmentsMerged);
    }

    @Override
    public int read(byte[] buf, int off, int maxLen) throws IOException {
        Objects.checkFromIndexSize(off, maxLen, buf.length);
        if (maxLen <= 0) {
            throw new IllegalArgumentException("maxLen must be positive: " + maxLen);
        }
        if (singleReadsNext >= singleReads.count()) {
            singleReadsNext = 0;
            if (read(singleReads) < 0) {
                singleReads.clear();
                return -1;
            }
        }
        int i = singleReadsNext++;
        int length = Math.min(singleReads.length(i), maxLen);
        System.arraycopy(singleReads.data(), singleReads.offset(i), buf, off, length);
        return length;
    }

    @Override
    public int read(FrameBatch batch) throws IOException {
        if (!enter()) {
            return -1;
        }
        try {
            while (true) {
                batch.clear();
                int n = readOnce();
                if (n < 0) {
                    return -1;
                }
                if (!vnetHeader) {
                    batch.add(readArray, 0, Math.min(n, batch.freeBytes()));
                    return 1;
                }
                TcpSegmenter.Result r = n == IO_BUFFER_SIZE ? TcpSegmenter.Result.DROPPED_TRUNCATED
                        : TcpSegmenter.split(readArray, 0, n, mtu, batch);
                switch (r) {
                    case PLAIN -> {
                        return 1;
                    }
                    case SEGMENTED -> {
                        superFramesRead++;
                        segmentsCut += batch.count();
                        return batch.count();
                    }
                    default -> offloadDrops++; // and read the next
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * One read(2) into the native buffer, copied to {@link #readArray}: its length, or -1 when closed. Waits for the
     * tap to be readable. The caller has entered.
     */
    private int readOnce() throws IOException {
        while (!closing) {
            long n = Libc.read(readErrno, tapFd, readBuffer, IO_BUFFER_SIZE);
            if (n > 0) {
                MemorySegment.copy(readBuffer, JAVA_BYTE, 0, readArray, 0, (int) n);
                return (int) n;
            }
            if (n < 0) {
                int e = Libc.errno(readErrno);
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.EAGAIN) {
                    if (closing) {
                        return -1;
                    }
                    throw new NativeCallException("could not read from tap " + name, e);
                }
            }
            if (!awaitReady(readPollFds, readErrno, Libc.POLLIN, "read from")) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        checkFrame(off, len, buf.length);
        if (coalescer.holding()) {
            flush();
        }
        writePlain(buf, off, len);
    }

    @Override
    public void writeCoalescing(byte[] buf, int off, int len) throws IOException {
        checkFrame(off, len, buf.length);
        if (!vnetHeader) {
            writePlain(buf, off, len);
            return;
        }
        if (!coalescer.add(buf, off, len)) {
            writePlain(buf, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        coalescer.finish();
    }

    /** Writes what the coalescer finished: a super-frame, or a single segment with an all-zero header. */
    private void writeMerged(byte[] frame, int length, int segments) throws IOException {
        if (segments > 1) {
            superFramesWritten++;
            segmentsMerged += segments;
        }
        writeOnce(frame, 0, length);
    }

    private static void checkFrame(int off, int len, int arrayLength) {
        Objects.checkFromIndexSize(off, len, arrayLength);
        if (len < ETHERNET_HEADER_LENGTH || len > FRAME_BUFFER_SIZE) {
            throw new IllegalArgumentException("frame length must be " + ETHERNET_HEADER_LENGTH + ".."
                    + FRAME_BUFFER_SIZE + ": " + len);
        }
    }

    /** Writes one frame, after an all-zero virtio header if the tap has one. */
    private void writePlain(byte[] buf, int off, int len) throws IOException {
        if (!vnetHeader) {
            writeOnce(buf, off, len);
            return;
        }
        System.arraycopy(buf, off, plainWrite, VirtioNetHeader.LENGTH, len);
        writeOnce(plainWrite, 0, VirtioNetHeader.LENGTH + len);
    }

    /** One write(2) of {@code buf[off..off+len)} (header included), waiting while the tap is not writable. */
    private void writeOnce(byte[] buf, int off, int len) throws IOException {
        if (!enter()) {
            return;
        }
        try {
            MemorySegment.copy(buf, off, writeBuffer, JAVA_BYTE, 0, len);
            while (!closing) {
                long n = Libc.write(writeErrno, tapFd, writeBuffer, len);
                if (n >= 0) {
                    return; // a tap takes or refuses a frame whole
                }
                int e = Libc.errno(writeErrno);
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.EAGAIN) {
                    if (closing) {
                        return;
                    }
                    throw new NativeCallException("could not write a frame of " + len + " bytes to tap " + name, e);
                }
                if (!awaitReady(writePollFds, writeErrno, Libc.POLLOUT, "write to")) {
                    return;
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * Polls the tap descriptor for {@code events} beside the wake-up eventfd, without a time limit.
     * Returns false when woken by {@link #close}, true when the tap may be ready (or poll was interrupted).
     */
    private boolean awaitReady(MemorySegment fds, MemorySegment errno, short events, String verb)
            throws NativeCallException {
        int r = Poll.awaitOrWake(errno, fds, tapFd, events, wakeFd);
        if (r < 0) {
            int e = Libc.errno(errno);
            if (e == Errno.EINTR) {
                return true;
            }
            throw new NativeCallException("could not wait to " + verb + " tap " + name, e);
        }
        if (Poll.woken(fds) || closing) {
            return false;
        }
        short revents = Poll.revents(fds, 0);
        if ((revents & Libc.POLLNVAL) != 0) {
            throw new NativeCallException("could not wait to " + verb + " tap " + name, Errno.EBADF);
        }
        return true; // readable/writable, or POLLERR/POLLHUP that the next read/write will report
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            closing = true;
            activeCalls++; // keeps the eventfd open while we signal it
        }
        try {
            Poll.wake(closeErrno, wakeFd, wakeValue);
        } finally {
            exit();
        }
    }

    /** Registers a native call on the descriptors; false once closing (the caller then does nothing). */
    private boolean enter() {
        synchronized (lifecycle) {
            if (closing) {
                return false;
            }
            activeCalls++;
            return true;
        }
    }

    /** Ends a native call; the last one out after {@link #close} releases descriptors and memory. */
    private void exit() {
        synchronized (lifecycle) {
            activeCalls--;
            if (!closing || activeCalls != 0 || released) {
                return;
            }
            released = true;
        }
        Libc.closeQuietly(tapFd); // the interface disappears here (non-persistent tap)
        Libc.closeQuietly(wakeFd);
        Libc.closeQuietly(controlFd);
        arena.close();
    }

    @Override
    public String toString() {
        return "LinuxTap[" + name + " #" + ifIndex + " " + formatMac(mac) + " mtu " + mtu + (closing ? " closed]" : "]");
    }
}
