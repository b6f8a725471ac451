package net.ztj.core.wire.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.Compression;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Packet;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.PeerKeys;
import net.ztj.core.wire.Verb;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hello-exchange.json: a HELLO built byte for byte, and every packet a ZeroTier One 1.14.1 node sent back,
 * dearmored and decoded with the verb codecs (spec 02 §6, §8).
 */
class HelloExchangeTest {
    private static final JsonNode HX = Vectors.json("hello-exchange.json");
    private static final Identity A = Identity.fromString(HX.get("a_secret").asText());
    private static final Identity B = Identity.fromString(HX.get("b_secret").asText());
    private static final byte[] KEY = hex(HX.get("shared_key_48"));

    private static PeerKeys keys() {
        return new PeerKeys(KEY);
    }

    /** Dearmors (and decompresses) a reply, checking suite, verb and plaintext against the vector. */
    private static Packet receive(JsonNode reply, String plaintextField) {
        byte[] wire = hex(reply.get("wire"));
        assertEquals(reply.get("cipher_suite").asInt(), PacketHeader.cipherSuite(wire));
        boolean ok = Armor.dearmor(wire, wire.length, keys());
        assertEquals(reply.get("dearmor_ok").asBoolean(), ok);
        Packet p = Packet.wrap(wire);
        Compression.decompress(p);
        assertEquals(reply.get(plaintextField).asText(), toHex(p.toByteArray()));
        assertEquals(reply.get("verb").asInt(), p.verbCode());
        assertEquals(A.address(), p.destination());
        assertEquals(B.address(), p.source());
        return p;
    }

    @Test
    void keysAgree() throws Exception {
        assertEquals(toHex(KEY), toHex(PeerKeys.agree(A, B).key48()));
        assertEquals(toHex(KEY), toHex(PeerKeys.agree(B, A).key48()));
    }

    @Test
    void helloFromFieldsIsByteExact() {
        JsonNode h = HX.get("hello_a_to_b");
        long packetId = Long.parseUnsignedLong(h.get("packet_id").asText(), 16);
        Hello hello = new Hello(PacketHeader.PROTOCOL_VERSION, 1, 14, 1, h.get("timestamp_ms").asLong(), A,
                Endpoint.parse(h.get("physical_destination").asText()), h.get("planet_world_id").asLong(),
                h.get("planet_world_timestamp").asLong(), List.of(Hello.Moon.of(0xdeadbeefL, 0)));

        Packet plain = Packet.create(packetId, B.address(), A.address(), Verb.HELLO, hello.toBytes());
        assertEquals(h.get("plaintext_packet").asText(), toHex(plain.toByteArray()));
        int section = PacketHeader.IDX_PAYLOAD + hello.encryptedSectionOffsetInPayload();
        assertEquals(h.get("encrypted_section_offset").asInt(), section);
        assertEquals(section, Hello.encryptedSectionOffset(plain.buffer(), plain.length()));
        Armor.cryptHelloSection(plain.buffer(), section, plain.length(), keys());
        assertEquals(h.get("after_cryptfield").asText(), toHex(plain.toByteArray()));

        Packet wire = hello.seal(packetId, B.address(), keys());
        assertEquals(h.get("wire").asText(), toHex(wire.toByteArray()));
        assertEquals("a1b2c3d4e5f60710", h.get("cryptfield_iv").asText());
    }

    @Test
    void helloIsReadAsTheRecipientReadsIt() {
        JsonNode h = HX.get("hello_a_to_b");
        byte[] wire = hex(h.get("wire"));
        assertEquals(Verb.HELLO.code, PacketHeader.verbCode(wire));
        assertEquals(PacketHeader.CIPHER_POLY1305_NONE, PacketHeader.cipherSuite(wire));
        Identity sender = Hello.peekIdentity(wire, wire.length);
        assertEquals(A.publicOnly(), sender);
        assertTrue(Armor.dearmor(wire, wire.length, keys()));
        Hello hello = Hello.open(Packet.wrap(wire), keys());
        assertEquals(h.get("plaintext_packet").asText().substring(2 * 27), toHex(wire).substring(2 * 27));
        assertEquals(12, hello.protocolVersion());
        assertEquals(1700000000000L, hello.timestamp());
        assertEquals("10.0.0.2/9993", hello.physicalDestination().toString());
        assertEquals(149604618L, hello.planetWorldId());
        assertEquals(1644592324813L, hello.planetWorldTimestamp());
        assertEquals(List.of(new Hello.Moon(0x7f, 0xdeadbeefL, 0)), hello.moons());
        assertTrue(hello.moons().get(0).isMoon());
    }

    @Test
    void okHelloSuite1() {
        JsonNode r = HX.get("ok_hello_b_to_a");
        assertEquals(PacketHeader.CIPHER_POLY1305_SALSA2012, r.get("cipher_suite").asInt());
        Packet p = receive(r, "plaintext");
        ByteReader in = p.payloadReader();
        OkHeader ok = OkHeader.decode(in);
        assertEquals(new OkHeader(Verb.HELLO, 0xa1b2c3d4e5f60717L), ok);
        OkHello body = OkHello.decode(in);
        assertFalse(in.hasRemaining());
        assertEquals(1700000000000L, body.timestamp());
        assertEquals(12, body.protocolVersion());
        assertEquals(List.of(1, 14, 1), List.of(body.major(), body.minor(), body.revision()));
        assertEquals(r.get("sent_to").asText(), body.physicalSource().toString());
        assertEquals(0, body.worldUpdates().length);
        assertEquals(toHex(p.payload()), toHex(concat(ok.toBytes(), body.toBytes())));
    }

    @Test
    void pathConfirmationHello() {
        JsonNode r = HX.get("hello_b_to_a_path_confirmation");
        byte[] wire = hex(r.get("wire"));
        assertEquals(B.publicOnly(), Hello.peekIdentity(wire, wire.length));
        assertEquals(r.get("encrypted_section_offset").asInt(), Hello.encryptedSectionOffset(wire, wire.length));
        assertTrue(Armor.dearmor(wire, wire.length, keys()));
        Packet p = Packet.wrap(wire);
        Hello hello = Hello.open(p, keys());
        assertEquals(r.get("plaintext").asText(), toHex(wire));
        assertEquals(r.get("physical_destination_field").asText(), hello.physicalDestination().toString());
        assertEquals(B.publicOnly(), hello.identity());
        assertEquals(List.of(), hello.moons());
        assertEquals(toHex(p.payload()), toHex(hello.toBytes()));
        // re-sealing with the same packet ID gives back the wire bytes
        assertEquals(r.get("wire").asText(), toHex(hello.seal(p.packetId(), A.address(), keys()).toByteArray()));
    }

    @Test
    void echoSuite3RefersToTheWirePacketId() {
        JsonNode e = HX.get("echo_suite3");
        byte[] request = hex(e.get("request_plaintext"));
        Armor.armor(request, request.length, keys(), PacketHeader.CIPHER_AES_GMAC_SIV);
        assertEquals(e.get("request_wire").asText(), toHex(request)); // SIV is deterministic
        byte[] requestWire = hex(e.get("request_wire"));
        assertTrue(e.get("in_re_packet_id_equals_request_wire_bytes_0_7").asBoolean());

        assertEquals(1, e.get("replies").size());
        Packet p = receive(e.get("replies").get(0), "plaintext_after_dearmor");
        ByteReader in = p.payloadReader();
        OkHeader ok = OkHeader.decode(in);
        assertEquals(Verb.ECHO, ok.inReVerb());
        assertEquals(PacketHeader.packetId(requestWire), ok.inRePacketId());
        assertFalse(PacketHeader.packetId(hex(e.get("request_plaintext"))) == ok.inRePacketId());
        Echo body = Echo.decode(in);
        assertEquals("ping-payload-0123456789", new String(body.data(), StandardCharsets.US_ASCII));
    }

    @Test
    void echoSuite0IsAnsweredWithSuite3() {
        JsonNode e = HX.get("echo_suite0");
        byte[] request = hex(e.get("request_wire"));
        assertEquals(PacketHeader.CIPHER_POLY1305_NONE, PacketHeader.cipherSuite(request));
        assertTrue(Armor.dearmor(request, request.length, keys()));
        assertEquals(Verb.ECHO, Packet.wrap(request).verb());
        Packet p = receive(e.get("replies").get(0), "plaintext_after_dearmor");
        ByteReader in = p.payloadReader();
        OkHeader ok = OkHeader.decode(in);
        assertEquals(new OkHeader(Verb.ECHO, PacketHeader.packetId(request)), ok);
        assertEquals("cleartext-echo", new String(Echo.decode(in).data(), StandardCharsets.US_ASCII));
    }

    @Test
    void whois() {
        JsonNode w = HX.get("whois");
        byte[] request = hex(w.get("request_wire"));
        byte[] requestCopy = request.clone();
        assertTrue(Armor.dearmor(request, request.length, keys()));
        Packet req = Packet.wrap(request);
        assertEquals(Verb.WHOIS, req.verb());
        Whois whois = Whois.decode(req.payloadReader());
        assertEquals(Whois.of(B.address()), whois);
        assertEquals(toHex(req.payload()), toHex(whois.toBytes()));

        Packet p = receive(w.get("replies").get(0), "plaintext_after_dearmor");
        ByteReader in = p.payloadReader();
        assertEquals(new OkHeader(Verb.WHOIS, PacketHeader.packetId(requestCopy)), OkHeader.decode(in));
        OkWhois body = OkWhois.decode(in);
        assertEquals(List.of(B.publicOnly()), body.identities());
        assertEquals(toHex(Arrays.copyOfRange(p.payload(), 9, p.payloadLength())), toHex(body.toBytes()));
    }

    @Test
    void configRequestToANonControllerIsAnError() {
        JsonNode x = HX.get("error_unsupported_operation");
        byte[] plain = hex(x.get("request_plaintext"));
        byte[] compressed = hex(x.get("request_after_compress"));
        byte[] out = new byte[PacketHeader.MAX_LENGTH];
        int n = Compression.decompressPacket(compressed, compressed.length, out);
        assertEquals(toHex(plain), toHex(Arrays.copyOf(out, n)));
        // our own compression of the same packet decompresses the same way
        byte[] ours = plain.clone();
        int len = Compression.compressPacket(ours, ours.length);
        assertTrue(len < plain.length);
        n = Compression.decompressPacket(ours, len, out);
        assertEquals(toHex(plain), toHex(Arrays.copyOf(out, n)));

        byte[] armored = compressed.clone();
        Armor.armor(armored, armored.length, keys(), PacketHeader.CIPHER_AES_GMAC_SIV);
        assertEquals(x.get("request_wire").asText(), toHex(armored));

        Packet req = Packet.wrap(plain);
        NetworkConfigRequest ncr = NetworkConfigRequest.decode(req.payloadReader());
        assertEquals(0x8056c2e21c000001L, ncr.networkId());
        assertEquals(x.get("metadata_dictionary_text").asText(), new String(ncr.metadata(), StandardCharsets.UTF_8));
        assertEquals(0, ncr.currentRevision());
        assertEquals(toHex(req.payload()), toHex(ncr.toBytes()));

        JsonNode replies = x.get("replies");
        Packet err = receive(replies.get(0), "plaintext_after_dearmor");
        ErrorMessage em = ErrorMessage.decode(err.payloadReader());
        assertEquals(Verb.NETWORK_CONFIG_REQUEST, em.inReVerb());
        assertEquals(PacketHeader.packetId(hex(x.get("request_wire"))), em.inRePacketId());
        assertEquals(ErrorCode.UNSUPPORTED_OPERATION, em.code());
        assertEquals(0x8056c2e21c000001L, em.networkId());
        assertEquals(toHex(err.payload()), toHex(ErrorMessage.withNetworkId(Verb.NETWORK_CONFIG_REQUEST,
                em.inRePacketId(), ErrorCode.UNSUPPORTED_OPERATION, 0x8056c2e21c000001L).toBytes()));

        JsonNode helloReply = replies.get(1);
        byte[] wire = hex(helloReply.get("wire"));
        assertEquals(0, helloReply.get("cipher_suite").asInt());
        assertTrue(Armor.dearmor(wire, wire.length, keys()));
        // here the vector shows the packet after the MAC check only: its moon section is still encrypted
        assertEquals(helloReply.get("plaintext_after_dearmor").asText(), toHex(wire));
        Hello hello = Hello.open(Packet.wrap(wire), keys());
        assertEquals(List.of(), hello.moons());
        assertEquals(B.publicOnly(), hello.identity());
        assertEquals("10.0.0.1/9993", hello.physicalDestination().toString());
    }

    @Test
    void helloToARoot() throws Exception {
        JsonNode h = HX.get("hello_to_root");
        Identity sender = Identity.fromString(h.get("sender_secret").asText());
        Identity root = Identity.fromString(h.get("root_public").asText());
        PeerKeys rootKeys = PeerKeys.agree(sender, root);
        assertEquals(h.get("shared_key_48").asText(), toHex(rootKeys.key48()));
        byte[] wire = hex(h.get("wire"));
        assertEquals(root.address(), PacketHeader.destination(wire));
        assertEquals(h.get("encrypted_section_offset").asInt(), Hello.encryptedSectionOffset(wire, wire.length));
        PeerKeys receiverSide = PeerKeys.agree(sender, root); // same key from either side
        assertEquals(h.get("mac_valid").asBoolean(), Armor.dearmor(wire, wire.length, receiverSide));
        Hello hello = Hello.open(Packet.wrap(wire), receiverSide);
        assertEquals(h.get("after_dearmor_and_cryptfield").asText(), toHex(wire));
        assertEquals(h.get("timestamp_ms").asLong(), hello.timestamp());
        assertEquals(h.get("sent_to").asText(), hello.physicalDestination().toString());
        assertEquals(sender.publicOnly(), hello.identity());
        assertEquals(List.of(), hello.moons());
        Packet resealed = hello.seal(PacketHeader.packetId(wire), root.address(), rootKeys);
        assertEquals(h.get("wire").asText(), toHex(resealed.toByteArray()));
    }

    @Test
    void truncatedHellosAreTolerated() {
        Hello full = new Hello(12, 1, 14, 1, 5, A, Endpoint.parse("10.0.0.2/9993"), 7, 8,
                List.of(Hello.Moon.of(1, 2), new Hello.Moon(0x01, 3, 4)));
        byte[] payload = full.toBytes();
        int identityEnd = 13 + Identity.PUBLIC_BINARY_LENGTH;
        Hello bare = Hello.decode(new ByteReader(Arrays.copyOf(payload, identityEnd)));
        assertNull(bare.physicalDestination());
        assertEquals(0, bare.planetWorldId());
        assertEquals(List.of(), bare.moons());
        Hello noPlanet = Hello.decode(new ByteReader(Arrays.copyOf(payload, identityEnd + 7)));
        assertEquals(full.physicalDestination(), noPlanet.physicalDestination());
        assertEquals(0, noPlanet.planetWorldTimestamp());
        Hello noMoons = Hello.decode(new ByteReader(Arrays.copyOf(payload, identityEnd + 7 + 16)));
        assertEquals(8, noMoons.planetWorldTimestamp());
        assertEquals(List.of(), noMoons.moons());
        Hello all = Hello.decode(new ByteReader(payload));
        assertEquals(full, all);
        assertFalse(all.moons().get(1).isMoon());
        byte[] pkt = Packet.create(1, B.address(), A.address(), Verb.HELLO, Arrays.copyOf(payload, identityEnd)).toByteArray();
        assertEquals(-1, Hello.encryptedSectionOffset(pkt, pkt.length));
    }

    @Test
    void sealedHelloRoundTrip() {
        Hello hello = new Hello(12, 1, 14, 1, 99, A, null, 1, 2, List.of(Hello.Moon.of(0x1234, 0)));
        Packet p = hello.seal(0x1122334455667788L, B.address(), keys());
        byte[] wire = p.toByteArray();
        assertEquals(0, PacketHeader.flags(wire));
        assertTrue(Armor.dearmor(wire, wire.length, keys()));
        assertEquals(hello, Hello.open(Packet.wrap(wire), keys()));
        assertEquals(new Address(A.address().value()), PacketHeader.source(wire));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
