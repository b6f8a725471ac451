package net.ztj.service.port;

/**
 * What the node tells the ports, on the node's thread: frames for a network's port and configuration changes.
 */
public interface PortEvents {
    /** A frame for a network's port; written before returning ({@code data} is the node's and is reused). */
    void frame(long networkId, long sourceMac, long destMac, int etherType, byte[] data, int off, int len);

    /** A network's configuration changed: the ports re-apply addresses, routes and MTU soon. */
    void configured(long networkId);

    /** For a node without ports (tests). */
    PortEvents NONE = new PortEvents() {
        @Override
        public void frame(long networkId, long sourceMac, long destMac, int etherType, byte[] data, int off, int len) {}

        @Override
        public void configured(long networkId) {}
    };
}
