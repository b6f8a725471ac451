package net.ztj.service.api;

import net.ztj.controller.store.ControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.service.api.resource.BondResource;
import net.ztj.service.api.resource.ConfigResource;
import net.ztj.service.api.resource.ControllerResource;
import net.ztj.service.api.resource.DropsResource;
import net.ztj.service.api.resource.HealthResource;
import net.ztj.service.api.resource.MoonResource;
import net.ztj.service.api.resource.NetworkResource;
import net.ztj.service.api.resource.PeerResource;
import net.ztj.service.api.resource.StatusResource;
import net.ztj.service.api.resource.SettingsResource;
import net.ztj.service.api.app.WebApp;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfFile;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.metrics.ServiceMetrics;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.network.InterfaceNames;
import net.ztj.service.node.MemberPresence;
import net.ztj.service.node.NodeControl;

import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;

/**
 * The API's route table, assembled from its resources, and {@code GET /metrics}. Routes not listed answer 404.
 */
public final class LocalApi {
    private LocalApi() {}

    /** The request handler for a service without ports: interfaces are shown with their computed names. */
    public static ApiHandler handler(NodeControl node, Supplier<ServiceState> service, LocalConf conf, MoonFiles moons,
                                     NetworkFiles networks, Optional<ControllerStore> controller, Address self,
                                     RandomGenerator random,
                                     String authToken, LongSupplier clockMs) {
        return handler(node, service, conf, moons, networks, nwid -> InterfaceNames.forNetwork(nwid, 0), controller,
                self, random, authToken, clockMs);
    }

    /**
     * The request handler.
     *
     * @param portNames the interface name of a network (its port's actual name when it has one)
     * @param authToken the content of authtoken.secret (trimmed)
     */
    public static ApiHandler handler(NodeControl node, Supplier<ServiceState> service, LocalConf conf, MoonFiles moons,
                                     NetworkFiles networks, LongFunction<String> portNames,
                                     Optional<ControllerStore> controller, Address self, RandomGenerator random,
                                     String authToken, LongSupplier clockMs) {
        return handler(node, service, LocalConfFile.detached(conf), moons, networks, portNames, controller, self,
                random, authToken, "", new ServiceMetrics(node, clockMs), clockMs);
    }

    /**
     * The request handler.
     *
     * @param conf         local.conf, changed by {@code POST /config/settings} when it has a file
     * @param portNames    the interface name of a network (its port's actual name when it has one)
     * @param authToken    the content of authtoken.secret (trimmed)
     * @param metricsToken the content of metricstoken.secret (trimmed): {@code /metrics} takes it or the auth token
     * @param metrics      what {@code /metrics} serves
     */
    public static ApiHandler handler(NodeControl node, Supplier<ServiceState> service, LocalConfFile conf,
                                     MoonFiles moons, NetworkFiles networks, LongFunction<String> portNames,
                                     Optional<ControllerStore> controller, Address self, RandomGenerator random,
                                     String authToken, String metricsToken, ServiceMetrics metrics,
                                     LongSupplier clockMs) {
        return handler(node, service, conf, moons, networks, portNames, controller, new MemberPresence(), self, random,
                authToken, metricsToken, metrics, Optional.empty(), clockMs);
    }

    /**
     * The request handler.
     *
     * @param conf         local.conf, changed by {@code POST /config/settings} when it has a file
     * @param portNames    the interface name of a network (its port's actual name when it has one)
     * @param presence     what the embedded controller saw of its members' requests
     * @param authToken    the content of authtoken.secret (trimmed)
     * @param metricsToken the content of metricstoken.secret (trimmed): {@code /metrics} takes it or the auth token
     * @param metrics      what {@code /metrics} serves
     * @param app          the web UI under {@code /app/}, whose sessions also authenticate API requests
     */
    public static ApiHandler handler(NodeControl node, Supplier<ServiceState> service, LocalConfFile conf,
                                     MoonFiles moons, NetworkFiles networks, LongFunction<String> portNames,
                                     Optional<ControllerStore> controller, MemberPresence presence, Address self,
                                     RandomGenerator random, String authToken, String metricsToken,
                                     ServiceMetrics metrics, Optional<WebApp> app, LongSupplier clockMs) {
        RouteTable routes = new RouteTable();
        new StatusResource(node, service, conf::current, clockMs).register(routes);
        new HealthResource(node, clockMs).register(routes);
        new DropsResource(node).register(routes);
        new ConfigResource(conf::current).register(routes);
        new SettingsResource(conf).register(routes);
        new BondResource().register(routes);
        new PeerResource(node, () -> service.get().tcpFallbackActive()).register(routes);
        new MoonResource(node, moons).register(routes);
        new NetworkResource(node, networks, portNames).register(routes);
        controller.ifPresent(store -> new ControllerResource(store, self, clockMs, random, presence).register(routes));
        AccessControl.SessionCheck sessions = app.<AccessControl.SessionCheck>map(a -> a::authenticates)
                .orElse(AccessControl.SessionCheck.NONE);
        return new ApiHandler(new AccessControl(authToken, metricsToken,
                () -> conf.applied().settings().allowManagementFrom(), sessions), routes, Optional.of(metrics), app);
    }
}
