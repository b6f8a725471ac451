package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bond list}, {@code bond <peer> show}, {@code bond <peer> rotate} and {@code bond setmtu <mtu> <iface> <ip>}
 * (spec 05 §6.4), with the reference's outputs and exit codes, so they answer as ZeroTier One 1.14's does against a
 * service with bonds or, like ours, without ({@code 400 bond {}}, exit 1).
 *
 * <p>Reference quirk kept: setmtu picks its three values only when the command line has exactly seven words after
 * the program name; otherwise the path is {@code /bond/setmtu/<last word>//}, which no route matches.
 */
final class BondCommand implements CliCommand {
    private static final String MISSING = "(bond) command is missing required arguments";
    private static final String DASHES = "-".repeat(120);

    @Override
    public int run(CliContext c) {
        String arg1 = c.args().arg1(), arg2 = c.args().arg2();
        if (arg1.isEmpty()) {
            c.println(MISSING);
            return 2;
        }
        if (arg1.equals("list")) return new ListBondsCommand().run(c);
        if (arg1.equals("setmtu")) return setMtu(c, arg2);
        if (Replies.byteLength(arg1) == 10) {
            if (arg2.equals("rotate")) return rotate(c, arg1);
            if (arg2.equals("show")) return show(c, arg1);
        }
        c.println(MISSING);
        return 2;
    }

    private static int setMtu(CliContext c, String arg2) {
        List<String> argv = c.args().argv();
        String mtu = arg2, iface = "", ip = "";
        if (argv.size() == 7) {
            mtu = argv.get(4);
            iface = argv.get(5);
            ip = argv.get(6);
        }
        ApiResponse r = c.api().post("/bond/setmtu/" + mtu + "/" + iface + "/" + ip, "{}");
        if (r.status() == 200) {
            c.println("200 setmtu OK");
            return 0;
        }
        c.print(r.status() + " Failed to set MTU: ");
        CliOutput.raw(c.io().out(), r.body());
        c.print("\n");
        return 1;
    }

    private static int rotate(CliContext c, String peer) {
        ApiResponse r = c.api().post("/bond/rotate/" + peer, "{}");
        if (r.status() != 200) return Replies.failure(c, r);
        if (c.args().json()) Replies.raw(c, r);
        else c.println("200 rotate OK");
        return 0;
    }

    private static int show(CliContext c, String peer) {
        ApiResponse r = c.api().get("/bond/show/" + peer);
        if (r.status() == 0) return Replies.errorConnecting(c, r);
        Optional<JsonNode> parsed = Replies.parse(c, r);
        if (parsed.isEmpty()) return 1;
        if (r.status() != 200) return Replies.failure(c, r);
        JsonNode j = parsed.get();
        if (c.args().json()) {
            Replies.printJson(c, j);
            return 0;
        }
        c.print("Peer                   : " + peer + "\n");
        c.print("Bond                   : " + JsonValues.string(j.get("bondingPolicyStr"), "-") + "\n");
        c.print("Link Select Method     : " + integer(j, "linkSelectMethod") + "\n");
        c.print("Links                  : " + integer(j, "numAliveLinks") + "/" + integer(j, "numTotalLinks") + "\n");
        c.print("Failover Interval (ms) : " + integer(j, "failoverInterval") + "\n");
        c.print("Up Delay (ms)          : " + integer(j, "upDelay") + "\n");
        c.print("Down Delay (ms)        : " + integer(j, "downDelay") + "\n");
        c.print("Packets Per Link       : " + integer(j, "packetsPerLink") + "\n");
        JsonNode paths = j.get("paths");
        if (paths == null || !paths.isArray()) return 0;
        c.print("\nidx                  interface                                  path               socket"
                + "             local port\n" + DASHES + "\n");
        for (int i = 0; i < paths.size(); i++) {
            JsonNode p = paths.get(i);
            c.print(String.format(Locale.ROOT, "%2d: %26s %51s %016x %12d\n", i, JsonValues.string(p.get("ifname"), "-"),
                    JsonValues.string(p.get("address"), "-"), JsonValues.integer(p.get("localSocket"), 0),
                    JsonValues.integer(p.get("localPort"), 0) & 0xffff));
        }
        c.print("\nidx     lat      pdv    capacity    qual      rx_age      tx_age  eligible  bonded   flows\n"
                + DASHES + "\n");
        for (int i = 0; i < paths.size(); i++) {
            JsonNode p = paths.get(i);
            c.print(String.format(Locale.ROOT, "%2d: %8.2f %8.2f %10d %7.4f %11d %11d %9d %7d %7d\n", i,
                    decimal(p, "latencyMean"), decimal(p, "latencyVariance"), integer(p, "givenLinkSpeed"),
                    decimal(p, "relativeQuality"), integer(p, "lastInAge"), integer(p, "lastOutAge"),
                    integer(p, "eligible"), integer(p, "bonded"), integer(p, "assignedFlowCount")));
        }
        return 0;
    }

    /** An integer field as the reference prints it: {@code (int)} of its value, 0 when absent. */
    private static int integer(JsonNode j, String key) {
        return (int) JsonValues.integer(j.get(key), 0);
    }

    private static double decimal(JsonNode j, String key) {
        JsonNode v = j.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : 0;
    }
}
