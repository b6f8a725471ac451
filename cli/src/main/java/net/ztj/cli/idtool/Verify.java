package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify <identity> <file> <signature>}: the signature is taken as hex first and, if that does not verify,
 * as the path of a file holding the hex.
 */
final class Verify implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.size() != 3) return USAGE;
        Optional<Identity> id = IdentityArgument.resolve(args.get(0), io);
        if (id.isEmpty()) return IdentityArgument.invalid(args.get(0), io);
        String file = args.get(1);
        byte[] message;
        try {
            message = Files.readAllBytes(io.resolve(file));
        } catch (IOException | RuntimeException e) {
            io.err().println(file + " is not readable");
            return 1;
        }
        String sig = args.get(2);
        boolean valid = verifiesAsHex(id.get(), message, sig);
        if (!valid) {
            try {
                valid = verifiesAsHex(id.get(), message,
                        Files.readString(io.resolve(sig), StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                valid = false;
            }
        }
        if (!valid) {
            io.err().println(file + " signature check FAILED");
            return 1;
        }
        io.out().println(file + " signature valid");
        return 0;
    }

    private static boolean verifiesAsHex(Identity id, byte[] message, String hex) {
        String h = hex.trim();
        if (h.length() != 192) return false;
        try {
            return id.verify(message, HexFormat.of().parseHex(h));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
