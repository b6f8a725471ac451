package net.ztj.systest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Debian package of scripts/package.sh, on this machine (root only): built once from the reactor's jar, checked
 * with dpkg-deb and lintian, installed with apt, run from its installed files, removed with the home folder's
 * uninstall.sh and purged, after which nothing of it is left.
 *
 * <p>The installed daemon never runs outside a network namespace of this test, and always with a planet of ours
 * (genplanet, its root a daemon from the reactor's jar in a second namespace): while the package is installed, a
 * policy-rc.d forbids the maintainer scripts to start the service (invoke-rc.d and deb-systemd-invoke obey it; so
 * does ZeroTier One's package), and the test starts it itself. It runs the daemon twice: as the init script runs it
 * (with {@code -d}: background process and pid file) or, where systemd is PID 1, as the systemd unit inside the
 * namespace; then as the unit's settings have it, emulated with setpriv: the zerotier-one user with CAP_NET_ADMIN and
 * nothing else, joining a network whose tap must come up with its address.
 */
class DebianPackageTest {
    private static final Path REPO = Path.of(System.getProperty("ztj.root", "..")).toAbsolutePath().normalize();
    private static final Path HOME = Path.of("/var/lib/zerotier-one");
    private static final Path POLICY_RC_D = Path.of("/usr/sbin/policy-rc.d");
    private static final Path LOCK = Path.of("/run/lock/ztj-debian-package-test.lock");
    private static final Path DROP_IN = Path.of("/run/systemd/system/zerotier-one.service.d/ztj-test.conf");
    private static final String JAVA = "/usr/lib/ztj/runtime/bin/java";
    private static final String NETWORK = """
            {"name":"pkgtest","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.99.3.10","ipRangeEnd":"10.99.3.250"}],
             "routes":[{"target":"10.99.3.0/24"}]}""";

    @TempDir
    Path dir;

    private final long started = System.nanoTime();

    private void step(String what) {
        System.out.printf("[DebianPackageTest %6.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    @Test
    void buildsChecksInstallsRunsRemovesAndPurges() throws Exception {
        String why = Lab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        for (String tool : List.of("dpkg-deb", "dpkg-shlibdeps", "strip", "apt-get", "lintian", "setpriv")) {
            Assumptions.assumeTrue(Netns.onPath(tool), tool + " is missing: scripts/test.sh installs it when run as root");
        }
        Files.createDirectories(LOCK.getParent());
        // one package test at a time on this machine (suites of several checkouts may run at once)
        try (FileChannel lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            Assumptions.assumeFalse(installed("zerotier-one"), "ZeroTier's zerotier-one package is installed here");
            Assumptions.assumeFalse(installed("ztj"), "ztj is installed here; the test would purge it");
            Assumptions.assumeFalse(Files.exists(HOME, LinkOption.NOFOLLOW_LINKS),
                    HOME + " exists here; the test would delete it");
            Assumptions.assumeFalse(Files.exists(Path.of("/usr/sbin/zerotier-one"), LinkOption.NOFOLLOW_LINKS),
                    "/usr/sbin/zerotier-one exists here");
            byte[] policyBefore = Files.exists(POLICY_RC_D) ? Files.readAllBytes(POLICY_RC_D) : null;
            try {
                Path deb = build();
                List<String> contents = check(deb);
                forbidServiceStarts();
                install(deb);
                run();
                removeAndPurge(contents);
            } finally {
                cleanUp(policyBefore);
            }
        }
    }

    /** scripts/package.sh with the reactor's jar; the package's path. */
    private Path build() throws Exception {
        Path out = dir.resolve("dist");
        Path log = dir.resolve("package.log");
        String jar = Path.of(Daemons.JAR).toAbsolutePath().toString();
        Result r = exec(Map.of(), 1800, log, "bash", REPO.resolve("scripts/package.sh").toString(), "--jar", jar,
                "--out", out.toString());
        String said = Files.readString(log);
        System.out.print(said);
        assertEquals(0, r.exit(), "scripts/package.sh failed:\n" + said + r.out());
        Path deb = Path.of(r.out().strip());
        assertTrue(deb.getFileName().toString().matches("ztj_[0-9][0-9a-z.~+]*_amd64\\.deb"), deb.toString());
        assertTrue(Files.isRegularFile(deb), deb.toString());
        step("built " + deb.getFileName() + " (" + Files.size(deb) / 1048576 + " MiB)");
        return deb;
    }

    /** dpkg-deb's view of the package and lintian's verdict; the package's contents (dpkg-deb -c). */
    private List<String> check(Path deb) throws Exception {
        String d = deb.toString();
        assertEquals("ztj", run("dpkg-deb", "-f", d, "Package").strip());
        assertEquals("amd64", run("dpkg-deb", "-f", d, "Architecture").strip());
        assertEquals("zerotier-one", run("dpkg-deb", "-f", d, "Conflicts").strip());
        String depends = run("dpkg-deb", "-f", d, "Depends");
        assertTrue(depends.contains("adduser") && depends.contains("libc6"), depends);
        List<String> contents = run("dpkg-deb", "-c", d).lines().toList();
        for (String expected : List.of(
                "-rwxr-xr-x root/root .* ./usr/sbin/zerotier-one",
                "lrwxrwxrwx root/root .* ./usr/sbin/zerotier-cli -> zerotier-one",
                "lrwxrwxrwx root/root .* ./usr/sbin/zerotier-idtool -> zerotier-one",
                "-rwxr-xr-x root/root .* ./usr/lib/ztj/runtime/bin/java",
                "-rw-r--r-- root/root .* ./usr/share/ztj/zerotier.jar",
                "-rw-r--r-- root/root .* ./usr/lib/ztj/zerotier.aot",
                "-rw-r--r-- root/root .* ./usr/lib/systemd/system/zerotier-one.service",
                "-rwxr-xr-x root/root .* ./etc/init.d/zerotier-one",
                "drwxr-xr-x root/root .* ./var/lib/zerotier-one/",
                "lrwxrwxrwx root/root .* ./var/lib/zerotier-one/uninstall.sh -> /usr/lib/ztj/uninstall.sh",
                "-rw-r--r-- root/root .* ./usr/share/bash-completion/completions/zerotier-cli",
                "lrwxrwxrwx root/root .* ./usr/share/bash-completion/completions/zerotier-idtool -> zerotier-cli")) {
            assertTrue(contents.stream().anyMatch(l -> l.replaceAll(" +", " ").matches(expected)),
                    "no " + expected + " in\n" + String.join("\n", contents));
        }
        // no JDK in it: a runtime of a few modules
        String modules = run("/bin/sh", "-c", "dpkg-deb --fsys-tarfile '" + d
                + "' | tar -xO ./usr/lib/ztj/runtime/release | sed -n 's/^MODULES=//p'");
        assertFalse(modules.contains("jdk.compiler") || modules.contains("java.desktop"), modules);
        step("runtime modules: " + modules.strip());

        Result lintian = exec(Map.of(), 600, null, "lintian", "--fail-on", "error,warning", d);
        System.out.print(lintian.out());
        assertEquals(0, lintian.exit(), "lintian:\n" + lintian.out());
        step("dpkg-deb and lintian: no error, no warning");
        return contents;
    }

    /** A policy-rc.d that forbids every start, as in containers and chroots; the original is put back at the end. */
    private void forbidServiceStarts() throws IOException {
        Files.writeString(POLICY_RC_D, "#!/bin/sh\n# ztj's DebianPackageTest: no service starts while it runs\nexit 101\n");
        Files.setPosixFilePermissions(POLICY_RC_D, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void install(Path deb) throws Exception {
        Result r = apt("install", "--no-install-recommends", deb.toString());
        assertEquals(0, r.exit(), "apt-get install:\n" + r.out());
        assertTrue(installed("ztj"));
        PosixFileAttributes home = Files.readAttributes(HOME, PosixFileAttributes.class);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(home.permissions()));
        assertEquals("root", home.owner().getName());
        assertTrue(run("getent", "passwd", "zerotier-one").contains(":/var/lib/zerotier-one:/usr/sbin/nologin"));
        // installed, enabled for boot, not started
        try (Stream<Path> files = Files.list(HOME)) {
            assertEquals(List.of("uninstall.sh", "zerotier-cli", "zerotier-idtool", "zerotier-one"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        if (Netns.onPath("deb-systemd-helper")) {
            assertTrue(Files.isSymbolicLink(Path.of("/etc/systemd/system/multi-user.target.wants/zerotier-one.service")));
        }
        assertEquals("1.14.1\n", run("/usr/sbin/zerotier-one", "-v"));
        // the cache was made by this runtime for this jar: AOTMode=on refuses to start otherwise
        assertEquals("1.14.1\n", run(JAVA, "@/usr/lib/ztj/zerotier-one.jvm-options", "-XX:AOTCache=/usr/lib/ztj/zerotier.aot",
                "-XX:AOTMode=on", "-Dztj.argv0=zerotier-one", "-jar", "/usr/share/ztj/zerotier.jar", "-v"));
        if (Netns.onPath("systemd-analyze")) {
            Result verify = exec(Map.of(), 120, null, "systemd-analyze", "verify", "--man=no",
                    "/usr/lib/systemd/system/zerotier-one.service");
            assertEquals(0, verify.exit(), "systemd-analyze verify:\n" + verify.out());
            assertFalse(verify.out().contains("zerotier-one.service:"), "systemd-analyze verify:\n" + verify.out());
        }
        step("installed with apt; not started; the AOT cache works; the unit passes systemd-analyze verify");
    }

    private void run() throws Exception {
        Netns netns = new Netns("10.81.0.");
        try {
            String rootNs = netns.addHost("root");
            String pkgNs = netns.addHost("pkg");
            Daemons daemons = new Daemons(netns);
            Path rootHome = dir.resolve("root");
            Files.createDirectories(rootHome);
            Daemons.idtool("generate", rootHome.resolve("identity.secret").toString(), rootHome.resolve("identity.public").toString());
            Path planet = dir.resolve("planet");
            Daemons.idtool("genplanet", planet.toString(), rootHome.resolve("identity.public") + "@" + netns.ip(1) + "/9993");
            Files.copy(planet, rootHome.resolve("planet"));
            Files.copy(planet, HOME.resolve("planet"));
            ZtNode root = new ZtNode("root", rootNs, rootHome, netns.ip(1), netns, daemons);
            root.start();
            ZtNode pkg = new ZtNode("packaged", pkgNs, HOME, netns.ip(2), netns, daemons);

            if (Files.isDirectory(Path.of("/run/systemd/system"))) {
                runUnderSystemd(netns, pkgNs, pkg);
            } else {
                runWithInitScript(netns, pkgNs, pkg);
            }
            runAsTheUnitsUser(netns, pkgNs, root, pkg);
        } finally {
            netns.close();
        }
    }

    /** The init script (zerotier-one -d) in the namespace: start, status, zerotier-cli info, stop. */
    private void runWithInitScript(Netns netns, String ns, ZtNode pkg) throws Exception {
        Path log = dir.resolve("init-script.log");
        // the background daemon keeps the script's output: a file, not the pipe this test reads to its end
        String start = "/etc/init.d/zerotier-one start >>'" + log + "' 2>&1";
        netns.exec(ns, "/bin/sh", "-c", start);
        // -d returns once the pid file names the background process
        long pid = Long.parseLong(Files.readString(HOME.resolve("zerotier-one.pid")).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertEquals(Path.of(JAVA), Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")));
        awaitOnline(netns, ns, pkg, log);
        assertEquals(0, exec(Map.of(), 60, null, "ip", "netns", "exec", ns, "/etc/init.d/zerotier-one", "status").exit());
        step("init script: zerotier-one -d runs as pid " + pid + ", ONLINE; idle RSS " + rssKib(pid) + " KiB");
        netns.exec(ns, "/bin/sh", "-c", "/etc/init.d/zerotier-one stop >>'" + log + "' 2>&1");
        assertTrue(daemon.onExit().get(30, TimeUnit.SECONDS) != null && !daemon.isAlive());
        assertFalse(Files.exists(HOME.resolve("zerotier-one.pid")), "pid file removed at stop");
        step("init script: stopped");
    }

    /** The installed unit, started by systemd inside the namespace (a runtime drop-in sets the namespace). */
    private void runUnderSystemd(Netns netns, String ns, ZtNode pkg) throws Exception {
        Files.createDirectories(DROP_IN.getParent());
        Files.writeString(DROP_IN, "[Service]\nNetworkNamespacePath=/run/netns/" + ns + "\n");
        run("systemctl", "daemon-reload");
        try {
            run("systemctl", "start", "zerotier-one.service");
            awaitOnline(netns, ns, pkg, null);
            long pid = Long.parseLong(run("systemctl", "show", "-P", "MainPID", "zerotier-one.service").strip());
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("CapEff:\t0000000000001000"));
            step("systemd: zerotier-one.service runs as pid " + pid + ", ONLINE; idle RSS " + rssKib(pid) + " KiB");
            run("systemctl", "stop", "zerotier-one.service");
            assertEquals("inactive", exec(Map.of(), 60, null, "systemctl", "is-active", "zerotier-one.service").out().strip());
        } finally {
            Files.deleteIfExists(DROP_IN);
            exec(Map.of(), 60, null, "systemctl", "daemon-reload");
        }
        step("systemd: stopped");
    }

    /**
     * As the unit runs it (User=zerotier-one, CAP_NET_ADMIN only, the home folder chowned first), emulated with
     * setpriv so that it also runs where systemd is not PID 1: ONLINE, and a network's tap comes up with its address.
     */
    private void runAsTheUnitsUser(Netns netns, String ns, ZtNode root, ZtNode pkg) throws Exception {
        run("chown", "-R", "zerotier-one:zerotier-one", HOME.toString());
        Path log = dir.resolve("as-zerotier-one.log");
        List<String> command = new ArrayList<>();
        if (!Files.readAttributes(Path.of("/dev/net/tun"), PosixFileAttributes.class).permissions()
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            // /dev/net/tun is root's only on this machine (a container without udev); udev makes it 0666, which a
            // service that is not root needs (ZeroTier One's too, after it drops to its user): the daemon gets
            // such a node in a mount namespace of its own, and the machine's stays as it is
            command.addAll(List.of("unshare", "--mount", "/bin/sh", "-c",
                    "mount -t tmpfs -o mode=0755 tmpfs /dev/net && mknod -m 0666 /dev/net/tun c 10 200 && exec \"$@\"",
                    "sh"));
        }
        command.addAll(List.of("setpriv", "--reuid=zerotier-one", "--regid=zerotier-one",
                "--init-groups", "--inh-caps=-all,+net_admin", "--ambient-caps=-all,+net_admin",
                "--bounding-set=-all,+net_admin", "--no-new-privs", "/usr/sbin/zerotier-one", "-U"));
        Process daemon = netns.start(ns, log, command);
        awaitOnline(netns, ns, pkg, log);
        long pid = Long.parseLong(Files.readString(HOME.resolve("zerotier-one.pid")).strip());
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        String uid = run("id", "-u", "zerotier-one").strip();
        assertTrue(status.contains("Uid:\t" + uid + "\t"), status);
        assertTrue(status.contains("CapEff:\t0000000000001000"), status);

        String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
        assertEquals("200 join OK", netns.exec(ns, "/usr/sbin/zerotier-cli", "join", nwid).strip());
        Await.until("the controller to list the packaged node", 60_000,
                () -> root.get("/controller/network/" + nwid + "/member").has(pkg.address()), () -> logOf(log));
        root.post("/controller/network/" + nwid + "/member/" + pkg.address(), "{\"authorized\":true}");
        Await.until("the packaged node's tap to get its 10.99.3.x address", 60_000,
                () -> netns.exec(ns, "ip", "-o", "-4", "addr", "show").contains("inet 10.99.3."),
                () -> logOf(log) + safe(() -> netns.exec(ns, "/usr/sbin/zerotier-cli", "listnetworks")));
        step("as zerotier-one with CAP_NET_ADMIN only: ONLINE, joined " + nwid + ", tap up: "
                + netns.exec(ns, "ip", "-o", "-4", "addr", "show").lines().filter(l -> l.contains("10.99.3.")).findFirst().orElse(""));
        daemon.destroy(); // everything from ip netns exec to java exec'd the next: SIGTERM reaches the daemon
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "did not stop at SIGTERM");
        assertFalse(Files.exists(HOME.resolve("zerotier-one.pid")), "pid file removed at stop");
    }

    private void awaitOnline(Netns netns, String ns, ZtNode pkg, Path log) throws Exception {
        Await.until("the packaged zerotier-one to be ONLINE", 120_000, () ->
                netns.exec(ns, "/usr/sbin/zerotier-cli", "info").strip().equals("200 info " + pkg.address() + " 1.14.1 ONLINE"),
                () -> (log == null ? "" : logOf(log)) + safe(() -> netns.exec(ns, "/usr/sbin/zerotier-cli", "info")));
        // the installed bash completion asks the running service: its one peer, the root, is offered after "bond"
        String offered = netns.exec(ns, "bash", "--norc", "--noprofile", "-c",
                "source /usr/share/bash-completion/completions/zerotier-cli && COMP_WORDS=(/usr/sbin/zerotier-cli bond '')"
                        + " && COMP_CWORD=2 && _zerotier_cli && printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertTrue(offered.lines().anyMatch(l -> l.matches("[0-9a-f]{10}")), "bash completion offered:\n" + offered);
    }

    /** uninstall.sh (remove: the identity stays), then apt-get purge: nothing of the package is left. */
    private void removeAndPurge(List<String> contents) throws Exception {
        String identity = Files.readString(HOME.resolve("identity.secret"));
        Result removed = exec(Map.of("DEBIAN_FRONTEND", "noninteractive"), 600, null, HOME.resolve("uninstall.sh").toString());
        assertEquals(0, removed.exit(), "uninstall.sh:\n" + removed.out());
        assertTrue(run("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", "ztj").startsWith("rc"), "removed, configuration kept");
        assertFalse(Files.exists(Path.of("/usr/sbin/zerotier-one"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/usr/lib/ztj")));
        assertEquals(identity, Files.readString(HOME.resolve("identity.secret")), "the node's identity is kept");
        step("uninstall.sh: removed, the home folder and its identity kept");

        Result purged = apt("purge");
        assertEquals(0, purged.exit(), "apt-get purge:\n" + purged.out());
        assertFalse(installed("ztj"));
        assertEquals("", run("/bin/sh", "-c", "dpkg-query -W -f '${db:Status-Abbrev}' ztj 2>/dev/null || true").strip());
        List<String> left = new ArrayList<>();
        for (String line : contents) {
            String path = line.replaceAll(".* \\./", "/").replaceAll(" -> .*", "");
            if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            // directories of the base system (or shared with other packages: bash completions) stay
            if (List.of("", "/etc", "/etc/init.d", "/usr", "/usr/lib", "/usr/sbin", "/usr/share", "/usr/share/doc",
                    "/usr/share/man", "/usr/share/man/man8", "/usr/lib/systemd", "/usr/lib/systemd/system", "/var",
                    "/var/lib", "/usr/share/lintian", "/usr/share/lintian/overrides", "/usr/share/bash-completion",
                    "/usr/share/bash-completion/completions").contains(path)) {
                continue;
            }
            if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) left.add(path);
        }
        assertEquals(List.of(), left, "left behind after purge");
        for (String rest : List.of("/etc/systemd/system/multi-user.target.wants/zerotier-one.service",
                "/etc/systemd/system/zerotier-one.service", "/var/lib/systemd/deb-systemd-helper-enabled/zerotier-one.service.dsh-also",
                "/var/lib/systemd/deb-systemd-helper-masked/zerotier-one.service")) {
            assertFalse(Files.exists(Path.of(rest), LinkOption.NOFOLLOW_LINKS), rest + " left behind after purge");
        }
        assertEquals("", run("/bin/sh", "-c", "ls /etc/rc?.d | grep zerotier-one || true").strip(), "init script links");
        assertEquals(2, exec(Map.of(), 60, null, "getent", "passwd", "zerotier-one").exit(), "the zerotier-one user");
        assertEquals(2, exec(Map.of(), 60, null, "getent", "group", "zerotier-one").exit(), "the zerotier-one group");
        step("apt-get purge: nothing left (files, home folder, init links, systemd state, user and group)");
    }

    /** Puts the machine back as it was, also after a failure. */
    private void cleanUp(byte[] policyBefore) {
        try {
            Files.deleteIfExists(DROP_IN);
            if (installed("ztj")) {
                stopLeftoverDaemon();
                exec(Map.of("DEBIAN_FRONTEND", "noninteractive"), 600, null, "dpkg", "--purge", "ztj");
            }
            if (Files.exists(HOME, LinkOption.NOFOLLOW_LINKS)) exec(Map.of(), 60, null, "rm", "-rf", HOME.toString());
            if (policyBefore == null) {
                Files.deleteIfExists(POLICY_RC_D);
            } else {
                Files.write(POLICY_RC_D, policyBefore);
            }
        } catch (Exception e) {
            System.err.println("DebianPackageTest: cleaning up failed: " + e);
        }
    }

    /** A daemon of the package still running after a failure (the init script's is not a child of this test). */
    private static void stopLeftoverDaemon() {
        try {
            long pid = Long.parseLong(Files.readString(HOME.resolve("zerotier-one.pid")).strip());
            ProcessHandle.of(pid).filter(p -> p.info().command().map(JAVA::equals).orElse(false)).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        } catch (IOException | RuntimeException e) {
            // none
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    private static boolean installed(String pkg) throws Exception {
        Result r = exec(Map.of(), 60, null, "dpkg-query", "-W", "-f", "${db:Status-Abbrev}", pkg);
        return r.exit() == 0 && r.out().startsWith("ii");
    }

    private static Result apt(String action, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", action));
        cmd.addAll(List.of(args));
        if (!action.equals("install")) cmd.add("ztj");
        return exec(Map.of("DEBIAN_FRONTEND", "noninteractive"), 900, null, cmd.toArray(String[]::new));
    }

    private static String logOf(Path log) {
        try {
            return "log " + log + ":\n" + Files.readString(log) + "\n";
        } catch (IOException e) {
            return "(no log " + log + ")\n";
        }
    }

    private interface Text {
        String get() throws Exception;
    }

    private static String safe(Text text) {
        try {
            return text.get();
        } catch (Exception e) {
            return "(" + e.getMessage() + ")";
        }
    }

    /** A command's exit code and its output (stdout and stderr, or stdout only when stderr goes to a file). */
    record Result(int exit, String out) {}

    private static Result exec(Map<String, String> env, long timeoutSeconds, Path stderr, String... cmd) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().putAll(env);
        if (stderr == null) {
            b.redirectErrorStream(true);
        } else {
            b.redirectError(stderr.toFile());
        }
        Path out = Files.createTempFile("ztj-pkg-test", ".out");
        try {
            Process p = b.redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
                        + "\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command; its output; fails unless it exits 0. */
    private static String run(String... cmd) throws Exception {
        Result r = exec(Map.of(), 300, null, cmd);
        if (r.exit() != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit() + ":\n" + r.out());
        return r.out();
    }
}
