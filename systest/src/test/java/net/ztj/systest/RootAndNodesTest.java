package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A root and two nodes as real daemons, each in its own network namespace on one bridge, with a planet made by our
 * own genplanet: all three come ONLINE; a node orbits a moon served by the other and both then list each other
 * with a DIRECT path; the CLI's -j output parses.
 */
class RootAndNodesTest {
    @TempDir
    Path dir;

    @Test
    void rootAndTwoNodesComeOnlineAndGoDirect() throws Exception {
        String why = Netns.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        try (Netns ns = new Netns("10.77.0.")) {
            String rootNs = ns.addHost("root"), aNs = ns.addHost("a"), bNs = ns.addHost("b");
            Path rootHome = dir.resolve("root"), aHome = dir.resolve("a"), bHome = dir.resolve("b");
            for (Path h : new Path[] {rootHome, aHome, bHome}) {
                Files.createDirectories(h);
                Daemons.idtool("generate", h.resolve("identity.secret").toString(), h.resolve("identity.public").toString());
            }
            Path planet = dir.resolve("planet");
            Daemons.idtool("genplanet", planet.toString(), rootHome.resolve("identity.public") + "@" + ns.ip(1) + "/9993");
            for (Path h : new Path[] {rootHome, aHome, bHome}) Files.copy(planet, h.resolve("planet"));

            // B serves a moon of its own (its id is B's address), so A has a reason to talk to B
            String bAddress = Files.readString(bHome.resolve("identity.public")).substring(0, 10);
            String moonJson = Daemons.idtool("initmoon", bHome.resolve("identity.public").toString())
                    .replace("\"stableEndpoints\": []", "\"stableEndpoints\": [\"" + ns.ip(3) + "/9993\"]");
            Files.writeString(dir.resolve("moon.json"), moonJson);
            Daemons.run(dir, Daemons.tool("zerotier-idtool", "genmoon", dir.resolve("moon.json").toString()));
            Path moonFile = dir.resolve("000000" + bAddress + ".moon");
            Files.createDirectories(bHome.resolve("moons.d"));
            Files.copy(moonFile, bHome.resolve("moons.d").resolve(moonFile.getFileName()));

            Daemons d = new Daemons(ns);
            d.start(rootNs, rootHome);
            d.start(aNs, aHome);
            d.start(bNs, bHome);
            for (Object[] n : new Object[][] {{rootNs, rootHome}, {aNs, aHome}, {bNs, bHome}}) {
                String nsName = (String) n[0];
                Path home = (Path) n[1];
                boolean online = Daemons.waitFor(60_000, () -> d.cli(nsName, home, "info").contains(" ONLINE"));
                assertTrue(online, nsName + " did not come ONLINE:\n" + Daemons.log(home));
                String info = d.cli(nsName, home, "info").trim();
                assertTrue(info.matches("200 info [0-9a-f]{10} 1\\.14\\.1 ONLINE"), info);
            }

            String orbit = d.cli(aNs, aHome, "orbit", bAddress, bAddress).trim();
            assertEquals("200 orbit OK", orbit);
            String aAddress = Files.readString(aHome.resolve("identity.public")).substring(0, 10);
            boolean direct = Daemons.waitFor(60_000, () ->
                    d.cli(aNs, aHome, "listpeers").lines().anyMatch(l -> l.startsWith("200 listpeers " + bAddress + " " + ns.ip(3) + "/9993;"))
                    && d.cli(bNs, bHome, "listpeers").lines().anyMatch(l -> l.startsWith("200 listpeers " + aAddress + " " + ns.ip(2) + "/9993;")));
            assertTrue(direct, "no DIRECT path between A and B:\n" + d.cli(aNs, aHome, "listpeers") + d.cli(bNs, bHome, "listpeers"));
            assertTrue(d.cli(aNs, aHome, "peers").lines().anyMatch(l -> l.startsWith(bAddress) && l.contains(" MOON ") && l.contains("DIRECT")));

            JsonNode peers = d.cliJson(aNs, aHome, "listpeers");
            assertTrue(peers.isArray() && peers.size() >= 2);
            JsonNode status = d.cliJson(aNs, aHome, "info");
            assertEquals(aAddress, status.get("address").asText());
            assertTrue(status.get("online").asBoolean());
            JsonNode moons = d.cliJson(aNs, aHome, "listmoons");
            assertEquals(1, moons.size());
            assertEquals(false, moons.get(0).get("waiting").asBoolean());
        }
    }
}
