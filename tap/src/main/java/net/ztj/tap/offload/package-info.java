/**
 * Tap offloads in pure Java: the virtio_net_hdr that precedes each frame on a tap opened with IFF_VNET_HDR, the
 * segmentation of the kernel's TCP super-frames into frames of the network's MTU (what a NIC's TSO would do), and
 * the coalescing of received TCP segments into super-frames written back with one system call (GRO).
 *
 * <p>No I/O here: {@link net.ztj.tap.LinuxTap} moves the bytes; these classes only rewrite them, so each is tested
 * on its own against checksums computed independently.
 */
package net.ztj.tap.offload;
