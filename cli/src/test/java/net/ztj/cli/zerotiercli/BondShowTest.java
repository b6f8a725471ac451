package net.ztj.cli.zerotiercli;

import net.ztj.service.api.AccessControl;
import net.ztj.service.api.ApiHandler;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code bond <peer> show} and {@code rotate} against a service that has a bond (ZeroTier One's with a bonding
 * policy; ours never has one): the text and JSON outputs of the reference's formats.
 */
class BondShowTest {
    @TempDir
    Path dir;

    private static final String BOND = """
            {"address":"93155eb549","bondingPolicyStr":"active-backup","linkSelectMethod":1,"numAliveLinks":1,
             "numTotalLinks":2,"failoverInterval":5000,"upDelay":0,"downDelay":0,"packetsPerLink":64,
             "paths":[{"ifname":"eth0","address":"10.55.0.2/9993","localSocket":1234,"localPort":9993,
                       "latencyMean":1.25,"latencyVariance":0.5,"givenLinkSpeed":1000,"relativeQuality":0.75,
                       "lastInAge":12,"lastOutAge":34,"eligible":1,"bonded":1,"assignedFlowCount":3}]}""";

    @Test
    void aBondIsShownInTheReferencesLayout() throws Exception {
        RouteTable routes = new RouteTable();
        routes.on("GET", "/bond/show/{hex10}", call -> ApiResult.ok(parse(BOND)));
        routes.on("POST", "/bond/rotate/{hex10}", call -> ApiResult.ok(JsonText.object()));
        try (CliHarness cli = new CliHarness(new ApiHandler(new AccessControl(CliHarness.TOKEN, List.of()), routes), dir)) {
            String dashes = "-".repeat(120);
            assertEquals(new CliHarness.Result(0, """
                    Peer                   : 93155eb549
                    Bond                   : active-backup
                    Link Select Method     : 1
                    Links                  : 1/2
                    Failover Interval (ms) : 5000
                    Up Delay (ms)          : 0
                    Down Delay (ms)        : 0
                    Packets Per Link       : 64

                    idx                  interface                                  path               socket             local port
                    """ + dashes + "\n"
                    + " 0:                       eth0                                      10.55.0.2/9993 00000000000004d2         9993\n"
                    + "\nidx     lat      pdv    capacity    qual      rx_age      tx_age  eligible  bonded   flows\n"
                    + dashes + "\n"
                    + " 0:     1.25     0.50       1000  0.7500          12          34         1       1       3\n", ""),
                    cli.cli("bond", "93155eb549", "show"));
            assertEquals(0, cli.cli("-j", "bond", "93155eb549", "show").exit());
            assertEquals(JsonText.indented(parse(BOND), 1) + "\n", cli.cli("-j", "bond", "93155eb549", "show").out());
            assertEquals(new CliHarness.Result(0, "200 rotate OK\n", ""), cli.cli("bond", "93155eb549", "rotate"));
            assertEquals(new CliHarness.Result(0, "{}", ""), cli.cli("-j", "bond", "93155eb549", "rotate"));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return JsonText.parse(text);
        } catch (JsonText.SyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
