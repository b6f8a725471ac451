/**
 * The daemon's virtual network ports on Linux (spec 05 §8): real tap devices, the addresses and routes the
 * service manages on them, and the multicast groups the OS has joined on them, all reached from pure Java
 * through {@code java.lang.foreign} downcalls into libc (no JNI, no native code of our own).
 *
 * <p>{@link net.ztj.tap.EthernetTap} is the narrow contract the daemon uses (so tests can use a fake);
 * {@link net.ztj.tap.LinuxTap} implements it over {@code /dev/net/tun}. {@link net.ztj.tap.Netlink} adds and
 * removes addresses and routes by talking rtnetlink directly rather than running iproute2: no dependency
 * on an external binary, no process spawned per change, the kernel's exact errno for every refusal (so
 * "already present" is told apart from a real failure), and the same requests ZeroTier One sends.
 * {@link net.ztj.tap.MulticastScan} reads {@code /proc/net/dev_mcast}. The module holds primitives only;
 * which addresses and routes to apply (the diffing and policy of §8.5–8.6) belongs to the service.
 *
 * <p>Callers must allow native access ({@code --enable-native-access=ALL-UNNAMED} or the
 * {@code Enable-Native-Access} manifest attribute), otherwise the JDK prints a warning on first use.
 */
package net.ztj.tap;
