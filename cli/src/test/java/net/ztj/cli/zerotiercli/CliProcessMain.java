package net.ztj.cli.zerotiercli;

import net.ztj.cli.ToolIo;

/** zerotier-cli as a process of its own, for tests that run it from a shell with the test classpath. */
public final class CliProcessMain {
    private CliProcessMain() {}

    public static void main(String[] args) {
        System.out.flush();
        System.exit(ZeroTierCli.run("zerotier-cli", args, ToolIo.system(), System.getenv()));
    }
}
