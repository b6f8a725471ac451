package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;

import java.util.List;

/** One idtool command. */
interface IdToolCommand {
    /**
     * @param args the arguments after the command name
     * @return the process exit code, or {@link #USAGE} to print the usage and exit 1
     */
    int run(List<String> args, ToolIo io);

    /** Returned when the arguments do not fit the command. */
    int USAGE = -1;
    /** Returned when the command wants the usage printed and exit 0 (the reference's habit for some commands). */
    int USAGE_OK = -2;
}
