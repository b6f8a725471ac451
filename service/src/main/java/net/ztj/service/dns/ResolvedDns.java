package net.ztj.service.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Applies pushed DNS settings through systemd-resolved with {@code resolvectl}: the network's servers as the
 * interface's DNS servers, its domain as the interface's search and routing domain, and the interface not the
 * default route for other names (queries for the domain go to the network's servers, the rest as before);
 * {@code resolvectl revert} removes all of it.
 *
 * <p>systemd-resolved is used when it runs in this network namespace: its runtime directory exists, resolvectl is
 * found, and this process shares PID 1's network namespace (a resolved serving another namespace would apply the
 * settings to another interface of the same index). Otherwise the log says once why nothing is applied, and the
 * settings stay visible in the network's {@code dns} field of the API.
 */
public final class ResolvedDns implements SystemDns {
    /** Runs a command line, returning its exit status (or throwing when it cannot run). */
    @FunctionalInterface
    public interface Commands {
        int run(List<String> command) throws IOException;
    }

    private final boolean available;
    private final String unavailableReason;
    private final Commands commands;
    private final Consumer<String> log;
    private final Map<String, List<String>> applied = new HashMap<>();
    private boolean reasonLogged;

    ResolvedDns(boolean available, String unavailableReason, Commands commands, Consumer<String> log) {
        this.available = available;
        this.unavailableReason = unavailableReason;
        this.commands = commands;
        this.log = log;
    }

    /** For this machine: resolved is looked for once, now. */
    public static ResolvedDns forThisHost(Consumer<String> log) {
        String reason = null;
        Path resolvectl = findResolvectl();
        if (!Files.isDirectory(Path.of("/run/systemd/resolve"))) reason = "systemd-resolved is not running";
        else if (resolvectl == null) reason = "resolvectl is not installed";
        else if (!sameNetworkNamespaceAsInit()) reason = "systemd-resolved serves another network namespace";
        String command = resolvectl == null ? "resolvectl" : resolvectl.toString();
        return new ResolvedDns(reason == null, reason, line -> run(command, line), log);
    }

    @Override
    public synchronized void apply(String interfaceName, String domain, List<String> servers) {
        if (domain.isEmpty() || servers.isEmpty()) {
            remove(interfaceName);
            return;
        }
        List<String> wanted = new ArrayList<>(servers);
        wanted.add(domain);
        if (wanted.equals(applied.get(interfaceName))) return;
        if (!available) {
            if (!reasonLogged) {
                log.accept("DNS: not applying the pushed DNS settings (" + domain + " via " + String.join(" ", servers)
                        + " on " + interfaceName + "): " + unavailableReason
                        + "; the network's dns field in the API shows them");
                reasonLogged = true;
            }
            applied.put(interfaceName, wanted);
            return;
        }
        List<String> dns = new ArrayList<>(List.of("dns", interfaceName));
        dns.addAll(servers);
        boolean ok = call(dns) && call(List.of("domain", interfaceName, domain))
                && call(List.of("default-route", interfaceName, "false"));
        if (ok) {
            applied.put(interfaceName, wanted);
            log.accept("DNS: " + interfaceName + " resolves " + domain + " through " + String.join(" ", servers));
        }
    }

    @Override
    public synchronized void remove(String interfaceName) {
        if (applied.remove(interfaceName) == null || !available) return;
        if (call(List.of("revert", interfaceName))) log.accept("DNS: removed the DNS settings of " + interfaceName);
    }

    private boolean call(List<String> arguments) {
        try {
            int status = commands.run(arguments);
            if (status == 0) return true;
            log.accept("WARNING: resolvectl " + String.join(" ", arguments) + " exited with status " + status);
        } catch (IOException e) {
            log.accept("WARNING: resolvectl " + String.join(" ", arguments) + ": " + e.getMessage());
        }
        return false;
    }

    private static int run(String resolvectl, List<String> arguments) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(resolvectl);
        line.addAll(arguments);
        Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within 10 s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static Path findResolvectl() {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "resolvectl");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** True when this process and PID 1 share a network namespace, or when that cannot be told. */
    private static boolean sameNetworkNamespaceAsInit() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/net"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/1/ns/net")));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return true;
        }
    }
}
