package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

/** {@code peers}: the column layout of {@code zerotier-cli peers}, and a note while the TCP relay is in use. */
final class PeersCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/peer", peers -> {
            if (c.args().json()) {
                Replies.printJson(c, peers);
                return 0;
            }
            c.println("200 peers\n<ztaddr>   <ver>  <role> <lat> <link>   <lastTX> <lastRX> <path>");
            if (!peers.isArray()) return 0;
            long now = c.nowMs();
            boolean anyTunneled = false;
            for (JsonNode p : peers) {
                boolean tunneled = JsonValues.bool(p.get("tunneled"), false);
                anyTunneled |= tunneled;
                String link = PeerRows.preferredPath(p)
                        .map(x -> (tunneled ? "RELAY " : "DIRECT   ") + String.format("%-8d %-8d %s",
                                PeerRows.since(now, x.get("lastSend")), PeerRows.since(now, x.get("lastReceive")),
                                x.path("address").asText()))
                        .orElse("RELAY");
                c.println(String.format("%s %-6s %-6s %5d %s", PeerRows.address(p), PeerRows.version(p),
                        PeerRows.role(p), PeerRows.latency(p), link));
            }
            if (anyTunneled) c.println("NOTE: Currently tunneling through a TCP relay. Ensure that UDP is not blocked.");
            return 0;
        });
    }
}
