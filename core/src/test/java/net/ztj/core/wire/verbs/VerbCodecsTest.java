package net.ztj.core.wire.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips of every payload codec, and the VL2 payload vectors of networks_*.json (spec 02 §8, 03). */
class VerbCodecsTest {
    @Test
    void everySampleRoundTrips() {
        for (VerbSamples.Sample s : VerbSamples.all()) {
            byte[] bytes = s.value().toBytes();
            ByteReader r = new ByteReader(bytes);
            VerbPayload back = s.decoder().apply(r);
            assertFalse(r.hasRemaining(), s.name());
            assertEquals(toHex(bytes), toHex(back.toBytes()), s.name());
        }
    }

    @Test
    void everyTruncationIsMalformedOrAShorterValidForm() {
        for (VerbSamples.Sample s : VerbSamples.all()) {
            byte[] bytes = s.value().toBytes();
            for (int cut = 0; cut < bytes.length; cut++) {
                try {
                    s.decoder().apply(new ByteReader(Arrays.copyOf(bytes, cut)));
                } catch (MalformedException expected) {
                    // fine
                }
            }
        }
    }

    @Test
    void verbAndErrorCodeTables() {
        for (int c = 0; c <= 0x16; c++) {
            Verb v = Verb.fromCode(c);
            if (c == 0x0f || c == 0x11) assertNull(v);
            else assertEquals(c, v.code);
        }
        assertNull(Verb.fromCode(0x17));
        assertNull(Verb.fromCode(-1));
        assertNull(Verb.fromCode(0x81));
        assertEquals(Verb.PUSH_DIRECT_PATHS, Verb.fromCode(0x10));
        for (ErrorCode e : ErrorCode.values()) assertEquals(e, ErrorCode.fromCode(e.code));
        assertEquals(9, ErrorCode.NETWORK_AUTHENTICATION_REQUIRED.code);
        assertNull(ErrorCode.fromCode(10));
    }

    @Test
    void okAndErrorRejectUnknownVerbsAndCodes() {
        assertThrows(MalformedException.class, () -> OkHeader.decode(new ByteReader(hex("0f0000000000000001"))));
        assertThrows(MalformedException.class, () -> ErrorMessage.decode(new ByteReader(hex("0b00000000000000010a"))));
        ErrorMessage e = ErrorMessage.decode(new ByteReader(hex("0b000000000000000107")));
        assertEquals(ErrorCode.NETWORK_ACCESS_DENIED, e.code());
        assertThrows(MalformedException.class, e::networkId);
    }

    @Test
    void errorDetails() {
        ErrorMessage u = ErrorMessage.unwantedMulticast(Verb.MULTICAST_FRAME, 1, 2, 0x333300000001L, 0xfffffffeL);
        ErrorMessage back = ErrorMessage.decode(new ByteReader(u.toBytes()));
        assertEquals(2, back.networkId());
        assertEquals(0x333300000001L, back.multicastMac());
        assertEquals(0xfffffffeL, back.multicastAdi());
        ErrorMessage sso = ErrorMessage.authenticationRequired(Verb.NETWORK_CONFIG_REQUEST, 1, 3, new byte[] {'a'});
        assertArrayEquals(new byte[] {'a'}, ErrorMessage.decode(new ByteReader(sso.toBytes())).authenticationDictionary());
        ErrorMessage bare = ErrorMessage.authenticationRequired(Verb.NETWORK_CONFIG_REQUEST, 1, 3, null);
        assertNull(ErrorMessage.decode(new ByteReader(bare.toBytes())).authenticationDictionary());
    }

    @Test
    void pushDirectPathsEndpoints() {
        VerbPayload sample = VerbSamples.all().stream()
                .filter(s -> s.name().equals("PushDirectPaths")).findFirst().orElseThrow().value();
        PushDirectPaths p = PushDirectPaths.decode(new ByteReader(sample.toBytes()));
        assertEquals(Endpoint.parse("10.1.2.3/9993"), p.paths().get(0).endpoint());
        assertEquals(Endpoint.parse("2001:db8::1/9993"), p.paths().get(1).endpoint());
        assertNull(p.paths().get(2).endpoint());
        // 1.14's own form: count, then flags 0, extension length 0, type 4, length 6, address, port
        assertEquals("0001" + "00" + "0000" + "04" + "06" + "0a010203" + "2709",
                toHex(new PushDirectPaths(List.of(PushDirectPaths.PathRecord.of(Endpoint.parse("10.1.2.3/9993")))).toBytes()));
    }

    @Test
    void rendezvousLayout() {
        Rendezvous r = new Rendezvous(0, VerbSamples.B.address(), Endpoint.parse("10.1.2.3/9993"));
        assertEquals("00" + VerbSamples.B.address() + "2709" + "04" + "0a010203", toHex(r.toBytes()));
        assertThrows(MalformedException.class, () -> Rendezvous.decode(new ByteReader(hex("0015ef5ceeb027090500000000"))));
    }

    @Test
    void remoteTraceWithoutFinalNul() {
        RemoteTrace t = RemoteTrace.decode(new ByteReader(hex("613d3100623d32")));
        assertEquals(2, t.dictionaries().size());
        assertEquals("623d32", toHex(t.dictionaries().get(1)));
    }

    @Test
    void multicastLikeVectors() {
        JsonNode ex = Vectors.json("networks_mac_multicast.json").get("multicast_like_payload_example");
        byte[] payload = hex(ex.get("payload_hex"));
        MulticastLike like = MulticastLike.decode(new ByteReader(payload));
        assertEquals(2, like.subscriptions().size());
        long nwid = Long.parseUnsignedLong(ex.get("networkId").asText(), 16);
        assertEquals(new MulticastLike.Subscription(nwid, 0xffffffffffffL, 0x0a93110aL), like.subscriptions().get(0));
        assertEquals(new MulticastLike.Subscription(nwid, 0x333300000001L, 0), like.subscriptions().get(1));
        assertEquals(toHex(payload), toHex(like.toBytes()));

        byte[] pkt = hex(Vectors.json("packets.json").get("compression").get("uncompressed_packet"));
        byte[] body = Arrays.copyOfRange(pkt, 28, pkt.length);
        MulticastLike fromPacket = MulticastLike.decode(new ByteReader(body));
        assertEquals(body.length / 18, fromPacket.subscriptions().size());
        assertEquals(toHex(body), toHex(fromPacket.toBytes()));
    }

    @Test
    void configRequestVectors() {
        JsonNode v = Vectors.json("networks_config_request.json");
        byte[] none = hex(v.get("payload_no_current_config_hex"));
        NetworkConfigRequest a = NetworkConfigRequest.decode(new ByteReader(none));
        assertEquals(Long.parseUnsignedLong(v.get("networkId").asText(), 16), a.networkId());
        assertEquals(v.get("metadata_dictionary_hex").asText(), toHex(a.metadata()));
        assertEquals(0, a.currentRevision());
        assertEquals(0, a.currentTimestamp());
        assertEquals(toHex(none), toHex(a.toBytes()));
        byte[] with = hex(v.get("payload_with_current_revision_42_ts_1700000000000_hex"));
        NetworkConfigRequest b = NetworkConfigRequest.decode(new ByteReader(with));
        assertEquals(42, b.currentRevision());
        assertEquals(1700000000000L, b.currentTimestamp());
        assertEquals(toHex(with), toHex(b.toBytes()));
        // an old request without revision and timestamp
        NetworkConfigRequest old = NetworkConfigRequest.decode(new ByteReader(Arrays.copyOf(none, none.length - 16)));
        assertEquals(toHex(a.metadata()), toHex(old.metadata()));
    }

    @Test
    void networkConfigChunksOfTheReference() throws Exception {
        JsonNode v = Vectors.json("networks_networkconfig.json");
        Identity controller = Identity.fromString(v.get("controller_identity_secret").asText());
        long nwid = Long.parseUnsignedLong(v.get("networkId").asText(), 16);
        for (String size : List.of("small", "big")) {
            JsonNode cfg = v.get(size);
            long updateId = Long.parseUnsignedLong(cfg.get("update_id").asText(), 16);
            ByteArrayOutputStream dictionary = new ByteArrayOutputStream();
            for (JsonNode c : cfg.get("as_NETWORK_CONFIG_push")) {
                byte[] payload = hex(c.get("payload_hex"));
                NetworkConfigChunk chunk = checkChunk(c, payload, 0, controller);
                assertEquals(nwid, chunk.networkId());
                assertEquals(updateId, chunk.updateId());
                dictionary.write(chunk.chunk());
                NetworkConfigChunk resigned = NetworkConfigChunk.sign(nwid, chunk.chunk(), chunk.flags(), updateId,
                        chunk.totalLength(), chunk.chunkOffset(), controller);
                assertEquals(toHex(payload), toHex(resigned.toBytes()), "Ed25519 is deterministic");
            }
            assertEquals(cfg.get("dictionary_hex").asText(), toHex(dictionary.toByteArray()));
        }
        JsonNode ok = v.get("small").get("as_OK_reply_to_request_packet_id_1122334455667788").get(0);
        byte[] payload = hex(ok.get("payload_hex"));
        ByteReader r = new ByteReader(payload);
        assertEquals(new OkHeader(Verb.NETWORK_CONFIG_REQUEST, 0x1122334455667788L), OkHeader.decode(r));
        checkChunk(ok, payload, OkHeader.LENGTH, controller);
    }

    private static NetworkConfigChunk checkChunk(JsonNode c, byte[] payload, int bodyStart, Identity controller) {
        ByteReader r = new ByteReader(payload, bodyStart, payload.length);
        NetworkConfigChunk chunk = NetworkConfigChunk.decode(r);
        assertFalse(r.hasRemaining());
        assertFalse(chunk.legacy());
        assertEquals(c.get("chunkIndex").asLong(), chunk.chunkOffset());
        assertEquals(c.get("chunkLength").asInt(), chunk.chunk().length);
        assertEquals(c.get("totalLength").asLong(), chunk.totalLength());
        assertEquals(c.get("signature_hex").asText(), toHex(chunk.signature()));
        int start = c.get("signedRangeStartOffset").asInt();
        int end = c.get("signedRangeEndOffset").asInt();
        assertEquals(bodyStart, start);
        assertEquals(end - start, chunk.signedLength());
        assertArrayEquals(Arrays.copyOfRange(payload, start, end), chunk.signedMessage());
        assertTrue(chunk.verify(controller.publicOnly()));
        ByteWriter w = new ByteWriter();
        chunk.encode(w);
        assertEquals(toHex(Arrays.copyOfRange(payload, bodyStart, payload.length)), toHex(w.toByteArray()));
        return chunk;
    }

    @Test
    void credentialsAreDelimited() {
        JsonNode v = Vectors.json("networks_credentials.json");
        byte[] cap = hex(v.get("capability").get("serialized_hex"));
        byte[] tag = hex(v.get("tag").get("serialized_hex"));
        byte[] coo = hex(v.get("certificate_of_ownership").get("serialized_hex"));
        byte[] rev = hex(v.get("revocation").get("serialized_hex"));
        assertArrayEquals(cap, CredentialSpans.capability(new ByteReader(cap)));
        assertArrayEquals(tag, CredentialSpans.tag(new ByteReader(tag)));
        assertArrayEquals(coo, CredentialSpans.certificateOfOwnership(new ByteReader(coo)));
        assertArrayEquals(rev, CredentialSpans.revocation(new ByteReader(rev)));
        assertArrayEquals(VerbSamples.COM, CredentialSpans.com(new ByteReader(VerbSamples.COM)));
        assertEquals(272, VerbSamples.COM.length);

        byte[] payload = hex(v.get("network_credentials_payload_revocation_only_hex"));
        NetworkCredentials nc = NetworkCredentials.decode(new ByteReader(payload));
        assertEquals(0, nc.certificatesOfMembership().size());
        assertEquals(1, nc.revocations().size());
        assertArrayEquals(rev, nc.revocations().get(0));
        assertEquals(toHex(payload), toHex(nc.toBytes()));

        NetworkCredentials all = new NetworkCredentials(List.of(VerbSamples.COM), List.of(cap), List.of(tag, tag),
                List.of(rev), List.of(coo));
        NetworkCredentials back = NetworkCredentials.decode(new ByteReader(all.toBytes()));
        assertEquals(toHex(all.toBytes()), toHex(back.toBytes()));
        assertArrayEquals(coo, back.certificatesOfOwnership().get(0));

        // older senders stop after the COM list
        NetworkCredentials comOnly = NetworkCredentials.decode(new ByteReader(concat(VerbSamples.COM, new byte[] {0})));
        assertEquals(1, comOnly.certificatesOfMembership().size());
        assertEquals(0, comOnly.capabilities().size());
        // an unterminated COM list, a bad COM version, a bad signature length
        assertThrows(MalformedException.class, () -> NetworkCredentials.decode(new ByteReader(VerbSamples.COM)));
        assertThrows(MalformedException.class, () -> NetworkCredentials.decode(new ByteReader(new byte[] {2, 0})));
        byte[] badTag = tag.clone();
        badTag[36] = 0x61; // signature length 97
        assertThrows(MalformedException.class, () -> CredentialSpans.tag(new ByteReader(badTag)));
    }

    @Test
    void extFrameAndMulticastCarryAComBeforeTheirFields() {
        ExtFrame f = new ExtFrame(1, ExtFrame.FLAG_COM_ATTACHED, VerbSamples.COM, 2, 3, 0x0800, new byte[] {7});
        ExtFrame back = ExtFrame.decode(new ByteReader(f.toBytes()));
        assertArrayEquals(VerbSamples.COM, back.com());
        assertEquals(2, back.destinationMac());
        assertEquals(3, back.sourceMac());
        assertArrayEquals(new byte[] {7}, back.payload());
        assertThrows(IllegalArgumentException.class, () -> new ExtFrame(1, 0, VerbSamples.COM, 2, 3, 0, new byte[0]));
        MulticastFrame m = MulticastFrame.decode(new ByteReader(hex("0000000000000001" + "04" + "020000000001"
                + "ffffffffffff" + "0a000001" + "0806" + "00")));
        assertEquals(0x020000000001L, m.sourceMac());
        assertEquals(0xffffffffffffL, m.destinationMac());
        assertEquals(0x0a000001L, m.adi());
        assertEquals(0x0806, m.etherType());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
