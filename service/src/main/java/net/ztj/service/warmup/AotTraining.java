package net.ztj.service.warmup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.engine.EmbeddedController;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.service.config.LocalConfException;
import net.ztj.service.config.LocalConfLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the JDK's ahead-of-time cache (JEP 483/514/515): {@code scripts/build.sh} runs it once with
 * {@code -XX:AOTCacheOutput} after building the jar, and the launchers start the daemon with the cache, which holds
 * the classes this run loaded and linked (and the profiles of the methods it ran), so the daemon starts and gets
 * ONLINE sooner. The run touches what a starting daemon touches: local.conf parsing, the controller's SQLite store
 * with a network and a member and a configuration request, a root and a member daemon started until ONLINE
 * ({@link DaemonTraining}), and the data path ({@link DataPathWarmup}). It works in
 * a scratch folder it deletes and opens no socket other than loopback ones.
 */
public final class AotTraining {
    private AotTraining() {}

    /** Runs the training; 0 on success, 1 (with a line on {@code err}) otherwise. */
    public static int run(PrintStream err) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("ztj-aot-training");
            LocalConfLoader.parse("""
                    {"physical": {"10.0.0.0/8": {"blacklist": false}},
                     "settings": {"primaryPort": 9993, "allowTcpFallbackRelay": true, "portMappingEnabled": true,
                                  "allowManagementFrom": ["127.0.0.1/32"], "interfacePrefixBlacklist": ["docker"]}}
                    """, w -> { });
            controller(scratch);
            DaemonTraining.run(scratch.resolve("daemons")); // the way of a root and a member to ONLINE
            DataPathWarmup.runDefault();
            DataPathWarmup.runRelayed(DataPathWarmup.DEFAULT_ROUNDS / 4); // the profiles of a root's relay path
            return 0;
        } catch (IOException | LocalConfException | RuntimeException e) {
            err.println("ERROR: AOT training run failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ERROR: AOT training run failed: " + e);
            return 1;
        } finally {
            if (scratch != null) delete(scratch);
        }
    }

    private static void controller(Path scratch) {
        SecureRandom random = new SecureRandom();
        Identity self = Identity.generate(random);
        try (SqliteControllerStore store = SqliteControllerStore.open(scratch.resolve("controller.d"))) {
            String nwid = String.format("%016x", (self.address().value() << 24) | 1);
            ObjectNode net = NetworkRecord.newNetwork(nwid, System.currentTimeMillis()).toJson();
            net.put("name", "training");
            net.putObject("v4AssignMode").put("zt", true);
            net.putArray("ipAssignmentPools").addObject().put("ipRangeStart", "10.99.0.1").put("ipRangeEnd", "10.99.0.254");
            net.putArray("routes").addObject().put("target", "10.99.0.0/24");
            store.saveNetwork(NetworkRecord.fromJson(net));
            Identity member = Identity.generate(random);
            ObjectNode m = MemberRecord.newMember(nwid, member.address().toString(), System.currentTimeMillis()).toJson();
            m.put("authorized", true);
            store.saveMember(MemberRecord.fromJson(m));
            EmbeddedController controller = new EmbeddedController(self, store, random);
            controller.request(member.publicOnly(), Long.parseUnsignedLong(nwid, 16), new byte[0], 1, System.currentTimeMillis());
            controller.detach();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder in the temporary directory: left for the system to clean
        }
    }
}
