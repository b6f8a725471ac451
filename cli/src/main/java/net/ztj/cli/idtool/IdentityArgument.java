package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * An identity named on the command line: the text form itself when it is longer than 32 characters with a ':'
 * as 11th character, else the path of a file holding it.
 */
final class IdentityArgument {
    private IdentityArgument() {}

    static Optional<Identity> resolve(String arg, ToolIo io) {
        String text;
        if (arg.length() > 32 && arg.charAt(10) == ':') {
            text = arg;
        } else {
            try {
                text = Files.readString(io.resolve(arg), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Identity.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The standard complaint about an identity argument. */
    static int invalid(String arg, ToolIo io) {
        io.err().println("Identity argument invalid or file unreadable: " + arg);
        return 1;
    }
}
