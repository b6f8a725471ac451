package net.ztj.service;

import net.ztj.service.node.NodeCoreFactory;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What zerotier-one takes from its surroundings, passed in so that tests run the real command line in-process.
 *
 * @param programName argv[0] as invoked, for usage and messages
 * @param env         the environment ({@code ZEROTIER_HOME})
 * @param realUid     the real user id, empty if unknown
 * @param coreFactory creates the node core
 * @param stop        fired to stop a running service
 * @param started     told when the service is up
 * @param ports       the operating system's ports (taps, addresses, routes); empty: networks get no interface
 * @param background  carries on with {@code -d}
 * @param routerPortMapping whether this service may ask the router for port mappings (PCP, NAT-PMP, UPnP): the
 *                          real command line may; the in-process runs of the tests may not (they would send to the
 *                          host's gateway and LAN), and behave as a ZeroTier One built without a port mapper
 */
public record ServiceEnvironment(String programName, Map<String, String> env, PrintStream out, PrintStream err,
                                 Supplier<OptionalInt> realUid, NodeCoreFactory coreFactory, SecureRandom random,
                                 LongSupplier clockMs, StopSignal stop, Consumer<Daemon> started,
                                 java.util.Optional<java.util.function.Supplier<net.ztj.service.port.PortDriver>> ports,
                                 Background background, boolean routerPortMapping) {
    /** Surroundings without port mapping (the in-process runs of the tests). */
    public ServiceEnvironment(String programName, Map<String, String> env, PrintStream out, PrintStream err,
                              Supplier<OptionalInt> realUid, NodeCoreFactory coreFactory, SecureRandom random,
                              LongSupplier clockMs, StopSignal stop, Consumer<Daemon> started,
                              java.util.Optional<java.util.function.Supplier<net.ztj.service.port.PortDriver>> ports,
                              Background background) {
        this(programName, env, out, err, realUid, coreFactory, random, clockMs, stop, started, ports, background, false);
    }

    /** Surroundings where {@code -d} is refused ({@link Background#unavailable}): the in-process runs of the tests. */
    public ServiceEnvironment(String programName, Map<String, String> env, PrintStream out, PrintStream err,
                              Supplier<OptionalInt> realUid, NodeCoreFactory coreFactory, SecureRandom random,
                              LongSupplier clockMs, StopSignal stop, Consumer<Daemon> started,
                              java.util.Optional<java.util.function.Supplier<net.ztj.service.port.PortDriver>> ports) {
        this(programName, env, out, err, realUid, coreFactory, random, clockMs, stop, started, ports,
                Background.unavailable(programName, err), false);
    }
}
