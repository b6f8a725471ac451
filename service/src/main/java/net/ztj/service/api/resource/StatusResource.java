package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.api.ServiceState;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.ServiceSettings;
import net.ztj.service.json.JsonText;
import net.ztj.service.json.JsonValues;
import net.ztj.service.node.NodeControl;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /status} (spec 05 §5.7.1): the node's snapshot, the version, and the loaded local.conf with its
 * {@code settings} completed by the values in effect (user values win, read leniently). Our addition: once the node
 * has dropped input, {@code drops} counts it by reason ({@code {"MALFORMED": 3, ...}}); until then the object is
 * exactly ZeroTier One's.
 */
public final class StatusResource {
    /** The /status object. */
    record StatusJson(String address, long clock, JsonNode config, boolean online, long planetWorldId,
                      long planetWorldTimestamp, String publicIdentity, boolean tcpFallbackActive, String version,
                      int versionBuild, int versionMajor, int versionMinor, int versionRev) {
        /** The object as Jackson would bind this record (its components as keys), built without Jackson's mapper. */
        ObjectNode tree() {
            ObjectNode o = JsonText.object();
            o.put("address", address);
            o.put("clock", clock);
            o.set("config", config);
            o.put("online", online);
            o.put("planetWorldId", planetWorldId);
            o.put("planetWorldTimestamp", planetWorldTimestamp);
            o.put("publicIdentity", publicIdentity);
            o.put("tcpFallbackActive", tcpFallbackActive);
            o.put("version", version);
            o.put("versionBuild", versionBuild);
            o.put("versionMajor", versionMajor);
            o.put("versionMinor", versionMinor);
            o.put("versionRev", versionRev);
            return o;
        }
    }

    private final NodeControl node;
    private final Supplier<ServiceState> service;
    private final Supplier<LocalConf> conf;
    private final LongSupplier clockMs;

    public StatusResource(NodeControl node, Supplier<ServiceState> service, Supplier<LocalConf> conf,
                          LongSupplier clockMs) {
        this.node = node;
        this.service = service;
        this.conf = conf;
        this.clockMs = clockMs;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/status", call -> ApiResult.ok(statusTree()));
    }

    private JsonNode statusTree() {
        NodeStatus s = node.status();
        ObjectNode tree = status(s).tree();
        if (!s.drops().isEmpty()) tree.set("drops", DropsResource.counts(s.drops(), false));
        return tree;
    }

    StatusJson status(NodeStatus s) {
        ServiceState state = service.get();
        return new StatusJson(s.address().toString(), clockMs.getAsLong(), config(state, s.surfaceAddresses()),
                s.online(), s.planetWorldId(), s.planetWorldTimestamp(), s.publicIdentity(), state.tcpFallbackActive(),
                VersionFields.VERSION, VersionFields.BUILD, VersionFields.MAJOR, VersionFields.MINOR,
                VersionFields.REVISION);
    }

    private ObjectNode config(ServiceState state, List<Endpoint> surface) {
        ObjectNode doc = conf.get().publicDocument();
        ObjectNode settings = doc.get("settings") instanceof ObjectNode o ? o : doc.putObject("settings");
        settings.put("allowTcpFallbackRelay", JsonValues.bool(settings.get("allowTcpFallbackRelay"), true));
        settings.put("forceTcpRelay", JsonValues.bool(settings.get("forceTcpRelay"), false));
        settings.put("primaryPort", JsonValues.integer(settings.get("primaryPort"), state.primaryPort()) & 0xffff);
        settings.put("secondaryPort", JsonValues.integer(settings.get("secondaryPort"), state.secondaryPort()) & 0xffff);
        settings.put("tertiaryPort", JsonValues.integer(settings.get("tertiaryPort"), state.tertiaryPort()) & 0xffff);
        settings.put("homeDir", state.homeDir());
        settings.set("listeningOn", strings(state.listeningOn()));
        settings.set("surfaceAddresses", strings(surface));
        settings.put("portMappingEnabled", state.portMapping() && JsonValues.bool(settings.get("portMappingEnabled"), true));
        settings.put("softwareUpdate",
                JsonValues.string(settings.get("softwareUpdate"), ServiceSettings.DEFAULT_SOFTWARE_UPDATE));
        settings.put("softwareUpdateChannel",
                JsonValues.string(settings.get("softwareUpdateChannel"), ServiceSettings.DEFAULT_SOFTWARE_UPDATE_CHANNEL));
        return doc;
    }

    private static ArrayNode strings(List<Endpoint> endpoints) {
        ArrayNode a = JsonText.array();
        endpoints.forEach(e -> a.add(e.toString()));
        return a;
    }
}
