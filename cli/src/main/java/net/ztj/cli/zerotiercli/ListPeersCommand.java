package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code listpeers}: one line per peer, {@code <address> <path;ms since send;ms since receive> <latency> <version> <role>}. */
final class ListPeersCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/peer", peers -> {
            if (c.args().json()) {
                Replies.printJson(c, peers);
                return 0;
            }
            c.println("200 listpeers <ztaddr> <path> <latency> <version> <role>");
            if (!peers.isArray()) return 0;
            long now = c.nowMs();
            for (JsonNode p : peers) {
                String path = PeerRows.preferredPath(p)
                        .map(x -> x.path("address").asText() + ";" + PeerRows.since(now, x.get("lastSend")) + ";"
                                + PeerRows.since(now, x.get("lastReceive")))
                        .orElse("-");
                c.println("200 listpeers " + PeerRows.address(p) + " " + path + " " + PeerRows.latency(p) + " "
                        + PeerRows.version(p) + " " + PeerRows.role(p));
            }
            return 0;
        });
    }
}
