package net.ztj.cli.idtool;

/** A user's mistake found by a command: its message is the one line printed on stderr before exiting 1. */
final class InputError extends Exception {
    InputError(String message) {
        super(message, null, false, false);
    }
}
