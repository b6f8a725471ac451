package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.world.DefaultPlanet;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.core.world.WorldUpdates;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code genplanet <out file> <identity>@<ip/port>[,<ip/port>...]...}: a ztj extension that builds and signs a
 * planet in one step, so that a user can run all roots of a private ZeroTier network (the file is what nodes put in
 * their home folder as {@code planet}). The signing key is kept beside the planet and reused, and an existing planet
 * at the output path is only overwritten by a revision nodes holding it would accept (spec 02 §10.3), so that
 * running the command again after changing the roots yields an update rather than a planet nobody switches to.
 * Everything is checked before anything is written.
 */
final class GenPlanet implements IdToolCommand {
    static final String USAGE_LINE = "  genplanet <planet file> <root identity>@<ip/port>[,<ip/port>...] [<more roots>...]"
            + " [--id <world id>] [--key <key file>] [--next-key <key file>] [--timestamp <ms>]";

    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.isEmpty()) return USAGE;
        try {
            GenPlanetOptions o = GenPlanetOptions.parse(args);
            List<World.Root> roots = roots(o.roots(), io);
            Optional<World> existing = existingPlanet(o.outFile(), io);
            long id = o.id() != null ? parseId(o.id())
                    : existing.map(World::id).filter(i -> i != DefaultPlanet.ID).orElseGet(() -> randomId(io));
            long timestamp = o.timestamp() != null ? parseTimestamp(o.timestamp()) : io.clockMs().getAsLong();
            KeyPairFile key = KeyPairFile.loadOrGenerate(io.resolve(o.keyFileOrDefault()), o.keyFileOrDefault(), io.random());
            KeyPairFile next = o.nextKey() == null || samePath(io, o.nextKey(), o.keyFileOrDefault()) ? key
                    : KeyPairFile.loadOrGenerate(io.resolve(o.nextKey()), o.nextKey(), io.random());
            World planet = World.sign(WorldType.PLANET, id, timestamp, next.pair().publicKey(), roots,
                    key.pair().privateKey());
            if (existing.isPresent() && existing.get().id() == id) checkIsUpdate(existing.get(), planet, o, key);
            write(o.outFile(), planet, key, next, io);
            io.out().printf("wrote %s (planet %016x with %d roots, timestamp %d)%n", o.outFile(), id, roots.size(),
                    timestamp);
            return 0;
        } catch (InputError e) {
            io.err().println(e.getMessage());
            return 1;
        }
    }

    private static List<World.Root> roots(List<String> specs, ToolIo io) throws InputError {
        if (specs.isEmpty()) throw new InputError("genplanet needs at least one root: <identity>@<ip/port>[,<ip/port>...]");
        if (specs.size() > World.MAX_ROOTS) {
            throw new InputError(specs.size() + " roots given (at most " + World.MAX_ROOTS + ")");
        }
        IdentityHasher hasher = new IdentityHasher();
        List<World.Root> roots = new ArrayList<>();
        for (String spec : specs) {
            int at = spec.lastIndexOf('@');
            if (at <= 0 || at == spec.length() - 1) {
                throw new InputError("root " + spec + " is not <identity>@<ip/port>[,<ip/port>...]");
            }
            String identityArg = spec.substring(0, at);
            Identity identity = IdentityArgument.resolve(identityArg, io).orElseThrow(
                    () -> new InputError("Identity argument invalid or file unreadable: " + identityArg));
            List<Endpoint> endpoints = new ArrayList<>();
            for (String e : spec.substring(at + 1).split(",", -1)) endpoints.add(WorldInputs.endpoint(e));
            roots.add(WorldInputs.root(identity, endpoints, identityArg, hasher));
        }
        WorldInputs.checkRoots(roots);
        return roots;
    }

    /** The planet already at the output path, if any; anything else there is not overwritten. */
    private static Optional<World> existingPlanet(String outFile, ToolIo io) throws InputError {
        Path path = io.resolve(outFile);
        if (!Files.exists(path)) return Optional.empty();
        byte[] b;
        try {
            b = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            throw new InputError("cannot read " + outFile);
        }
        try {
            World w = World.deserialize(b, 0, b.length);
            if (w.type() == WorldType.PLANET && w.wireLength() == b.length) return Optional.of(w);
        } catch (MalformedException e) {
            // reported below
        }
        throw new InputError(outFile + " exists and is not a planet; remove it or choose another file");
    }

    private static void checkIsUpdate(World existing, World planet, GenPlanetOptions o, KeyPairFile key)
            throws InputError {
        switch (WorldUpdates.evaluate(existing, planet)) {
            case ACCEPT -> { }
            case NOT_NEWER -> throw new InputError(o.outFile() + " holds revision " + existing.timestamp()
                    + " of this planet; a new revision needs a later timestamp than that");
            case BAD_SIGNATURE -> throw new InputError(o.outFile() + " requires its next revision to be signed with"
                    + " the key it names, and " + key.shownAs() + " is not that key"
                    + (key.created() ? " (it does not exist)" : ""));
            case OTHER_WORLD -> throw new IllegalStateException("same ID and type");
        }
    }

    private static void write(String outFile, World planet, KeyPairFile key, KeyPairFile next, ToolIo io)
            throws InputError {
        try {
            key.saveIfCreated();
            if (next != key) next.saveIfCreated();
        } catch (IOException e) {
            throw new InputError("cannot write key file: " + e.getMessage());
        }
        try {
            FileWriting.writePublic(io.resolve(outFile), planet.serialize());
        } catch (IOException e) {
            throw new InputError("cannot write " + outFile);
        }
    }

    /** A world ID in decimal or 0x hex, unsigned 64-bit; 0 and the default planet's are refused. */
    static long parseId(String text) throws InputError {
        long id;
        try {
            id = text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new InputError("invalid world id " + text + " (decimal or 0x hex, 64 bits)");
        }
        if (id == 0) throw new InputError("world id 0 means no world");
        if (id == DefaultPlanet.ID) throw new InputError("world id " + text + " is the default planet's");
        return id;
    }

    private static long parseTimestamp(String text) throws InputError {
        try {
            long t = Long.parseLong(text);
            if (t > 0) return t;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputError("invalid timestamp " + text + " (milliseconds since the epoch)");
    }

    private static boolean samePath(ToolIo io, String a, String b) {
        return io.resolve(a).toAbsolutePath().normalize().equals(io.resolve(b).toAbsolutePath().normalize());
    }

    private static long randomId(ToolIo io) {
        long id;
        do {
            id = io.random().nextLong();
        } while (id == 0 || id == DefaultPlanet.ID);
        return id;
    }
}
