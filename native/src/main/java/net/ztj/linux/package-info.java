/**
 * What the tap and the UDP sockets share at the edge of the JVM: libc through {@code java.lang.foreign} downcalls
 * that capture errno ({@link net.ztj.linux.Libc}, {@link net.ztj.linux.Errno}), poll with a wake-up eventfd
 * ({@link net.ztj.linux.Poll}), and the reused batches a read fills ({@link net.ztj.linux.PacketBatch}).
 *
 * <p>Callers must allow native access ({@code --enable-native-access=ALL-UNNAMED} or the
 * {@code Enable-Native-Access} manifest attribute), otherwise the JDK prints a warning on first use.
 */
package net.ztj.linux;
