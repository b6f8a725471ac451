package net.ztj.core.wire.verbs;

import net.ztj.core.wire.Armor;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.Compression;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Packet;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.PeerKeys;
import net.ztj.core.wire.Reassembler;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static net.ztj.vectors.Vectors.hex;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Randomized robustness: garbage, truncated and bit-flipped input to every decoder, to dearmoring, HELLO opening,
 * decompression and reassembly never raises anything but {@link MalformedException} (spec 02 §9 step 8: a short
 * field means a dropped packet, never a crash).
 */
class WireFuzzTest {
    private static final int ROUNDS = 3000;

    private static byte[] mutate(byte[] base, SplittableRandom rnd) {
        byte[] b;
        switch (rnd.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(base, rnd.nextInt(base.length + 1));
            case 1 -> {
                b = base.clone();
                int flips = 1 + rnd.nextInt(6);
                for (int i = 0; i < flips && b.length > 0; i++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 2 -> {
                b = base.clone();
                if (b.length > 0) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                b = Arrays.copyOf(b, Math.max(0, b.length - rnd.nextInt(4)));
            }
            default -> {
                b = new byte[rnd.nextInt(400)];
                rnd.nextBytes(b);
            }
        }
        return b;
    }

    private static void onlyMalformed(String what, byte[] input, Consumer<byte[]> call) {
        try {
            call.accept(input);
        } catch (MalformedException expected) {
            // fine
        } catch (RuntimeException e) {
            fail(what + " threw " + e + " on " + Vectors.toHex(input), e);
        }
    }

    @Test
    void decodersOnlyEverThrowMalformed() {
        SplittableRandom rnd = new SplittableRandom(20240601);
        for (VerbSamples.Sample s : VerbSamples.all()) {
            byte[] valid = s.value().toBytes();
            for (int i = 0; i < ROUNDS; i++) {
                byte[] input = mutate(valid, rnd);
                onlyMalformed(s.name(), input, b -> {
                    VerbPayload p = s.decoder().apply(new ByteReader(b));
                    p.toBytes(); // whatever decodes can be encoded again
                });
            }
        }
        for (String credential : List.of("capability", "tag", "certificate_of_ownership", "revocation")) {
            byte[] valid = hex(Vectors.json("networks_credentials.json").get(credential).get("serialized_hex"));
            for (int i = 0; i < ROUNDS; i++) {
                byte[] input = mutate(valid, rnd);
                onlyMalformed(credential, input, b -> {
                    ByteReader r = new ByteReader(b);
                    switch (credential) {
                        case "capability" -> CredentialSpans.capability(r);
                        case "tag" -> CredentialSpans.tag(r);
                        case "certificate_of_ownership" -> CredentialSpans.certificateOfOwnership(r);
                        default -> CredentialSpans.revocation(r);
                    }
                });
            }
        }
    }

    @Test
    void dearmorAndHelloNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(99);
        PeerKeys keys = new PeerKeys(hex(Vectors.json("hello-exchange.json").get("shared_key_48")));
        List<byte[]> bases = new ArrayList<>();
        for (var c : Vectors.json("packets.json").get("armor")) bases.add(hex(c.get("armored_packet")));
        bases.add(hex(Vectors.json("hello-exchange.json").get("hello_a_to_b").get("wire")));
        bases.add(hex(Vectors.json("hello-exchange.json").get("echo_suite3").get("request_wire")));
        for (int i = 0; i < 20 * ROUNDS; i++) {
            byte[] input = mutate(bases.get(rnd.nextInt(bases.size())), rnd);
            int len = input.length;
            try {
                Armor.dearmor(input.clone(), len, keys);
                Armor.dearmor(input.clone(), Math.max(0, len - rnd.nextInt(3)), keys);
            } catch (RuntimeException e) {
                fail("dearmor threw " + e + " on " + Vectors.toHex(input), e);
            }
            onlyMalformed("HELLO", input, b -> {
                Hello.peekIdentity(b, b.length);
                Hello.encryptedSectionOffset(b, b.length);
                if (b.length >= PacketHeader.MIN_LENGTH) Hello.open(Packet.wrap(b.clone()), keys);
            });
            onlyMalformed("decompress", input, b -> {
                if (b.length >= PacketHeader.MIN_LENGTH) {
                    b[PacketHeader.IDX_VERB] |= (byte) PacketHeader.VERB_FLAG_COMPRESSED;
                    Compression.decompressPacket(b, b.length, new byte[PacketHeader.MAX_LENGTH]);
                    Compression.decompress(Packet.wrap(b));
                }
            });
        }
    }

    @Test
    void reassemblerNeverThrows() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<byte[]> bases = new ArrayList<>();
        for (var d : Vectors.json("packets.json").get("fragmentation").get("datagrams")) bases.add(hex(d));
        Reassembler r = new Reassembler(8, 1000);
        for (int i = 0; i < 20 * ROUNDS; i++) {
            byte[] input = mutate(bases.get(rnd.nextInt(bases.size())), rnd);
            if (rnd.nextInt(4) == 0 && input.length > 15) {
                input[13] = (byte) 0xff;
                input[14] = (byte) rnd.nextInt(256);
            }
            try {
                Reassembler.Outcome o = r.offer(input, 0, input.length, i);
                if (o instanceof Reassembler.Assembled a && a.packet().length() > PacketHeader.MAX_LENGTH) fail("too long");
            } catch (RuntimeException e) {
                fail("reassembly threw " + e + " on " + Vectors.toHex(input), e);
            }
        }
    }
}
