package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

/** {@code listbonds}: bonded peers (none while multipath bonding is not implemented). */
final class ListBondsCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/peer", peers -> {
            if (c.args().json()) {
                Replies.printJson(c, peers);
                return 0;
            }
            c.println("    <peer>                        <bondtype>     <links>");
            boolean any = false;
            if (peers.isArray()) {
                for (JsonNode p : peers) {
                    if (!JsonValues.bool(p.get("isBonded"), false)) continue;
                    any = true;
                    c.println(String.format("%10s  %32s         %d/%d", PeerRows.address(p),
                            JsonValues.string(p.get("bondingPolicyStr"), "-"),
                            JsonValues.integer(p.get("numAliveLinks"), 0), JsonValues.integer(p.get("numTotalLinks"), 0)));
                }
            }
            if (!any) c.println("      NONE\t\t\t\tNONE\t    NONE       NONE");
            return 0;
        });
    }
}
