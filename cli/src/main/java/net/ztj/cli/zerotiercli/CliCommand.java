package net.ztj.cli.zerotiercli;

/** One zerotier-cli command. */
interface CliCommand {
    /** Runs it; returns the exit status. */
    int run(CliContext context);
}
