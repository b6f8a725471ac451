package net.ztj.cli.idtool;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code genmoon <json file>}: signs the world a {@link WorldDefinition} file describes, with timestamp now, and
 * writes it as {@code <16 hex id>.moon} in the current directory: the file a moon's roots put in their
 * {@code moons.d}. Endpoints of each root and the roots are sorted as the reference sorts them. Where the reference
 * aborts or signs garbage (ill-formed JSON, keys, identities or endpoints) this prints one line and exits 1.
 */
final class GenMoon implements IdToolCommand {
    private static final Comparator<World.Root> ROOT_ORDER = Comparator
            .comparing((World.Root r) -> r.identity().address())
            .thenComparing((World.Root r) -> r.identity().publicKey(), Arrays::compareUnsigned);

    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.isEmpty()) return USAGE_OK;
        String file = args.get(0);
        byte[] content;
        try {
            content = Files.readAllBytes(io.resolve(file));
        } catch (IOException | RuntimeException e) {
            io.err().println("cannot read " + file);
            return 1;
        }
        try {
            World world = build(parse(content, file), file, io.clockMs().getAsLong());
            String name = String.format("%016x.moon", world.id());
            try {
                FileWriting.writePublic(io.resolve(name), world.serialize());
            } catch (IOException e) {
                throw new InputError("cannot write " + name);
            }
            io.out().println("wrote " + name + " (signed world with timestamp " + world.timestamp() + ")");
            return 0;
        } catch (InputError e) {
            io.err().println(e.getMessage());
            return 1;
        }
    }

    private static WorldDefinition parse(byte[] content, String file) throws InputError {
        try {
            WorldDefinition d = DumpJson.MAPPER.readValue(content, WorldDefinition.class);
            if (d == null) throw new InputError(file + " does not hold a JSON object");
            return d;
        } catch (JsonMappingException e) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() == null) field.append('[').append(r.getIndex()).append(']');
                else field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
            }
            throw new InputError(field.isEmpty() ? file + " does not hold a JSON object"
                    : field + " in " + file + " has the wrong type");
        } catch (JacksonException e) {
            String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            JsonLocation at = e.getLocation();
            throw new InputError(file + " is not valid JSON: " + reason
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InputError("cannot read " + file);
        }
    }

    private static World build(WorldDefinition d, String file, long now) throws InputError {
        long id = parseHexId(d.id());
        if (id == 0) throw new InputError("ID in " + file + " is invalid");
        WorldType type;
        if ("moon".equals(d.worldType())) type = WorldType.MOON;
        else if ("planet".equals(d.worldType())) type = WorldType.PLANET;
        else throw new InputError("invalid worldType");
        byte[] signingKey = key(d.signingKey(), "signingKey", file);
        byte[] secret = key(d.signingKeySecret(), "signingKey_SECRET", file);
        byte[] updateKey = key(d.updatesMustBeSignedBy(), "updatesMustBeSignedBy", file);
        if (!Arrays.equals(signingKey, C25519.publicFromPrivate(secret))) {
            throw new InputError("signingKey in " + file + " does not match signingKey_SECRET");
        }
        List<World.Root> roots = roots(d.roots(), file);
        return World.sign(type, id, now, updateKey, roots, secret);
    }

    private static List<World.Root> roots(List<WorldDefinition.RootDefinition> defs, String file) throws InputError {
        IdentityHasher hasher = new IdentityHasher();
        List<World.Root> roots = new ArrayList<>();
        for (WorldDefinition.RootDefinition r : defs == null ? List.<WorldDefinition.RootDefinition>of() : defs) {
            if (r == null || r.identity() == null) throw new InputError("a root in " + file + " has no identity");
            Identity identity;
            try {
                identity = Identity.fromString(r.identity());
            } catch (IllegalArgumentException e) {
                throw new InputError("invalid root identity in " + file + ": " + r.identity());
            }
            List<Endpoint> endpoints = new ArrayList<>();
            for (String e : r.stableEndpoints() == null ? List.<String>of() : r.stableEndpoints()) {
                if (e == null) throw new InputError("invalid endpoint null in " + file);
                endpoints.add(WorldInputs.endpoint(e));
            }
            endpoints.sort(null);
            roots.add(WorldInputs.root(identity, endpoints, identity.address().toString(), hasher));
        }
        WorldInputs.checkRoots(roots);
        roots.sort(ROOT_ORDER);
        return roots;
    }

    private static byte[] key(String hex, String field, String file) throws InputError {
        byte[] key = WorldInputs.hexKey(hex);
        if (key == null) throw new InputError(field + " in " + file + " is not 128 hex digits");
        return key;
    }

    /** The reference reads the ID as hex ({@code strtoull} base 16): 1 to 16 digits, an optional 0x; 0 if invalid. */
    private static long parseHexId(String text) {
        if (text == null) return 0;
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        if (t.isEmpty() || t.length() > 16) return 0;
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
