package net.ztj.transport.portmap;

import java.util.Optional;

/** One way of asking the router for a UDP port mapping. Its calls block (on the mapper's own thread). */
public interface MappingProtocol extends AutoCloseable {
    /** The protocol's name, for the log. */
    String name();

    /**
     * Maps UDP {@code internalPort} of this host, preferably on {@code suggestedExternalPort}, or renews the
     * mapping it made before.
     *
     * @return empty if there is no such router, it refused, or it did not answer
     */
    Optional<Mapping> map(int internalPort, int suggestedExternalPort, long lifetimeSeconds) throws InterruptedException;

    /** Removes a mapping this protocol made (best effort, bounded in time). */
    void unmap(Mapping mapping) throws InterruptedException;

    /** Releases what the protocol holds between rounds (an HTTP client, say); nothing by default. */
    @Override
    default void close() {}
}
