package net.ztj.cli.idtool;

import net.ztj.service.files.FileWriting;
import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code generate [secret file] [public file] [vanity hex prefix]}: a new identity, printed or written. Unlike the
 * reference, the secret file is created 0600.
 */
final class Generate implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.size() > 3) return USAGE;
        long prefix = 0;
        int prefixBits = 0;
        if (args.size() == 3) {
            String hex = args.get(2);
            if (hex.isEmpty() || hex.length() > 10 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                io.err().println("vanity prefix must be 1 to 10 hex digits: " + hex);
                return 1;
            }
            prefixBits = 4 * hex.length();
            prefix = Long.parseLong(hex, 16) << (40 - prefixBits);
        }
        IdentityHasher hasher = new IdentityHasher();
        Identity id;
        while (true) {
            id = Identity.generate(io.random(), hasher);
            if (prefixBits == 0) break;
            long mask = (0xffffffffffL << (40 - prefixBits)) & 0xffffffffffL;
            if ((id.address().value() & mask) == prefix) {
                io.err().println("vanity address: found " + id.address() + " !");
                break;
            }
            io.err().printf("vanity address: tried %s looking for first %d bits of %010x%n",
                    id.address(), prefixBits, prefix);
        }
        if (args.isEmpty()) {
            io.out().print(id.toSecretString());
            io.out().flush();
            return 0;
        }
        String secretFile = args.get(0);
        try {
            FileWriting.writeSecret(io.resolve(secretFile), id.toSecretString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            io.err().println(secretFile + " write error");
            return 1;
        }
        io.out().println(secretFile + " written");
        if (args.size() >= 2) {
            String publicFile = args.get(1);
            try {
                FileWriting.writePublic(io.resolve(publicFile), id.toPublicString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                io.err().println(publicFile + " write error");
                return 1;
            }
            io.out().println(publicFile + " written");
        }
        return 0;
    }
}
