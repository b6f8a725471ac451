package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.ztj.linux.Errno;
import org.junit.jupiter.api.Test;

/** Arguments LinuxTap refuses before any native call; needs no root. */
class TapArgumentsTest {
    private static final long MAC = 0xca6b1a396c6cL;

    @Test
    void badNamesAreRefused() {
        for (String bad : new String[] {"", "0123456789abcdef", "a b", "a/b", "a:b", "zt\n", "zté", ".", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> LinuxTap.open(bad, MAC, 2800), bad);
        }
        assertThrows(NullPointerException.class, () -> LinuxTap.open(null, MAC, 2800));
    }

    @Test
    void badMacsAreRefused() {
        for (long bad : new long[] {0, -1, 1L << 48, 0x010000000001L, 0xffffffffffffL}) {
            assertThrows(IllegalArgumentException.class, () -> LinuxTap.open("ztjtargs", bad, 2800), Long.toHexString(bad));
        }
    }

    @Test
    void badMtusAreRefused() {
        for (int bad : new int[] {-1, 0, 67, LinuxTap.MAX_MTU + 1}) {
            assertThrows(IllegalArgumentException.class, () -> LinuxTap.open("ztjtargs", MAC, bad), "" + bad);
        }
    }

    @Test
    void macText() {
        assertEquals("ca:6b:1a:39:6c:6c", LinuxTap.formatMac(MAC));
        assertEquals("02:00:00:00:00:01", LinuxTap.formatMac(0x020000000001L));
    }

    @Test
    void errnoText() {
        NativeCallException e = new NativeCallException("could not open TUN/TAP device", Errno.ENOENT);
        assertEquals("could not open TUN/TAP device: No such file or directory (ENOENT)", e.getMessage());
        assertEquals("ENOENT", e.errnoName());
        assertEquals(2, e.errno());
        assertEquals("x: errno 4095", new NativeCallException("x", 4095).getMessage());
        assertEquals("errno -3", Errno.name(-3));
    }
}
