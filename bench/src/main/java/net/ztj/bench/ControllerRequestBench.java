package net.ztj.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.engine.EmbeddedController;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.PostgresControllerStore;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.node.LocalController;
import net.ztj.crypto.C25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Configuration requests answered by the embedded controller for one private network of {@value #MEMBERS}
 * authorized members, on SQLite (a file in a temporary directory under the working directory) and PostgreSQL
 * (the server named by {@code ZTJ_TEST_PG_URL}, {@code ZTJ_TEST_PG_USER}, {@code ZTJ_TEST_PG_PASSWORD}, in a schema
 * {@value #PG_SCHEMA} of its own that the benchmark drops and re-creates; without the variables that trial
 * fails at once with a message saying so).
 *
 * <p>Each operation is one {@link EmbeddedController#admit} and one {@link EmbeddedController#request} call, the
 * path of a NETWORK_CONFIG_REQUEST once VL1 has authenticated the packet: rate limit, network and member lookup,
 * identity pin check, authorization, IP assignment, the configuration with its COM (and COO) signed by the
 * controller, dictionary serialization, and the member save (a no-op compare when nothing changed, a durable write
 * when something did). Answers other than a
 * configuration fail the benchmark, so refusals are never what is measured: requests rotate over the members and
 * the injected clock advances 1 ms per request, so a member asks again 10 s (simulated) after its previous request,
 * far past the 1 s rate limit.
 *
 * <p>Member identities are real C25519 key pairs with distinct addresses that are not proof-of-work derived (real
 * generation costs ~150 ms each, 25 min for 10,000). The controller does not re-check the proof of work (VL1 does
 * when it first learns a peer); it pins and compares the identity string and puts the key's hash in the COM, which
 * costs the same for any key.
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Threads(1)
public class ControllerRequestBench {
    static final int MEMBERS = 10_000;
    static final String PG_SCHEMA = "ztj_bench";
    static final long START_MS = 1_750_000_000_000L;
    /** First-assignment requests per measured invocation. */
    static final int BATCH = 400;

    /** One network of {@value #MEMBERS} members in the chosen store, and the controller over it. */
    @State(Scope.Benchmark)
    public abstract static class Network {
        @Param({"sqlite", "postgres"})
        public String store;

        ControllerStore db;
        EmbeddedController controller;
        Identity[] identities;
        long networkId;
        byte[] metadata;
        long nowMs = START_MS;
        int next;
        private Path sqliteDir;

        /** How many members start without an IP assignment (the rest have one, as after their first request). */
        abstract int unassigned();

        @Setup(Level.Trial)
        public void setup() throws Exception {
            SecureRandom random = new SecureRandom();
            Identity self = Identity.generate(random);
            db = open();
            controller = new EmbeddedController(self, db, new SplittableRandom(1));
            networkId = (self.address().value() << 24) | 0x000001L;
            String nwid = String.format("%016x", networkId);
            ObjectNode net = NetworkRecord.newNetwork(nwid, START_MS).toJson();
            net.put("name", "bench-10k").put("private", true);
            net.putObject("v4AssignMode").put("zt", true);
            net.putObject("v6AssignMode").put("rfc4193", true).put("zt", false).put("6plane", false);
            net.putArray("routes").addObject().put("target", "10.22.0.0/16");
            net.putArray("ipAssignmentPools").addObject().put("ipRangeStart", "10.22.0.1")
                    .put("ipRangeEnd", "10.22.255.254");
            net.set("rules", NetworkRecord.defaultRules());
            db.saveNetwork(NetworkRecord.fromJson(net));

            ConfigRequestMetadata md = ConfigRequestMetadata.ofNode1141("linux/x86_64");
            metadata = md.toDictionary().toBytes();
            identities = new Identity[MEMBERS];
            long t0 = System.nanoTime();
            for (int i = 0; i < MEMBERS; i++) {
                Address address = new Address(0x1a00000000L + i * 0x10001L);
                identities[i] = Identity.of(address, C25519.generate(random).publicKey(), null);
                MemberRecord m = MemberRecord.newMember(nwid, address.toString(), START_MS);
                ObjectNode doc = m.toJson();
                doc.put("authorized", true).put("lastAuthorizedTime", START_MS)
                        .put("lastAuthorizedCredentialType", "api").put("identity", identities[i].toPublicString())
                        .put("vMajor", md.majorVersion()).put("vMinor", md.minorVersion()).put("vRev", md.revision())
                        .put("vProto", md.protocolVersion());
                ArrayNode ips = doc.putArray("ipAssignments");
                if (i >= unassigned()) ips.add(String.format(Locale.ROOT, "10.22.%d.%d", 100 + i / 250, 1 + i % 250));
                db.saveMember(MemberRecord.fromJson(doc));
            }
            System.out.printf(Locale.ROOT, "%n%s: %,d members stored in %.1f s%n", store, MEMBERS,
                    (System.nanoTime() - t0) / 1e9);
        }

        private ControllerStore open() throws IOException, SQLException {
            if (store.equals("sqlite")) {
                sqliteDir = Files.createTempDirectory(Path.of("").toAbsolutePath(), "ztj-controller-bench-");
                return SqliteControllerStore.open(sqliteDir.resolve("controller.d"));
            }
            String url = System.getenv("ZTJ_TEST_PG_URL");
            if (url == null || url.isEmpty()) {
                throw new IllegalStateException("PostgreSQL skipped: ZTJ_TEST_PG_URL is not set (see scripts/test.sh, which"
                        + " starts a test server and exports ZTJ_TEST_PG_URL, ZTJ_TEST_PG_USER, ZTJ_TEST_PG_PASSWORD)");
            }
            String user = System.getenv("ZTJ_TEST_PG_USER"), password = System.getenv("ZTJ_TEST_PG_PASSWORD");
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + PG_SCHEMA);
            }
            return PostgresControllerStore.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA,
                    user, password);
        }

        /** The next request, from member {@code i}: one clock tick later. */
        final void request(int i) {
            ++nowMs;
            LocalController.Answer a = controller.admit(identities[i], networkId, nowMs, nowMs)
                    ? controller.request(identities[i], networkId, metadata, nowMs, nowMs) : null;
            if (!(a instanceof LocalController.Config)) {
                throw new IllegalStateException("member " + identities[i].address() + " got " + a
                        + " instead of a configuration");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            db.close();
            if (sqliteDir != null) {
                try (Stream<Path> files = Files.walk(sqliteDir)) {
                    List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
                    for (Path p : all) Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Every member already has its address: the steady state of members renewing their configuration. */
    @State(Scope.Benchmark)
    public static class KnownMembers extends Network {
        @Override
        int unassigned() {
            return 0;
        }
    }

    /** The first {@code unassigned()} members are authorized but have never asked: each first request assigns. */
    @State(Scope.Benchmark)
    public static class NewMembers extends Network {
        @Override
        int unassigned() {
            return BATCH * (NEW_WARMUP + NEW_MEASURED);
        }
    }

    static final int NEW_WARMUP = 2;
    static final int NEW_MEASURED = 5;

    /** A request from a member whose IPs are assigned and whose record does not change (no write). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void knownMember(KnownMembers s) {
        s.request(s.next);
        s.next = (s.next + 1) % MEMBERS;
    }

    /**
     * {@value #BATCH} first requests, each from a member never configured before: a pool address is chosen among
     * those the other members hold and the member record is written. Read the score as ms per request.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = NEW_WARMUP)
    @Measurement(iterations = NEW_MEASURED)
    public void firstAssignment(NewMembers s) {
        for (int i = 0; i < BATCH; i++) s.request(s.next++);
    }
}
