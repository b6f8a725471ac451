package net.ztj.core.network.config;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.verbs.NetworkConfigRequest;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.*;

/** networks_config_request.json (spec 03 §7.1.2). */
class ConfigRequestMetadataTest {
    private static final JsonNode V = Vectors.json("networks_config_request.json");

    @Test
    void node1141MetadataIsByteExact() {
        byte[] md = ConfigRequestMetadata.ofNode1141("linux/x86_64").toDictionary().toBytes();
        assertEquals(V.get("metadata_dictionary_hex").asText(), toHex(md));
        long nwid = Long.parseUnsignedLong(V.get("networkId").asText(), 16);
        ByteWriter w = new ByteWriter();
        new NetworkConfigRequest(nwid, md, 0, 0).encode(w);
        assertEquals(V.get("payload_no_current_config_hex").asText(), toHex(w.toByteArray()));
        w = new ByteWriter();
        new NetworkConfigRequest(nwid, md, 42, 1700000000000L).encode(w);
        assertEquals(V.get("payload_with_current_revision_42_ts_1700000000000_hex").asText(), toHex(w.toByteArray()));
    }

    @Test
    void controllerReadsIt() {
        NetworkConfigRequest req = NetworkConfigRequest.decode(new ByteReader(hex(
                V.get("payload_with_current_revision_42_ts_1700000000000_hex").asText())));
        ConfigRequestMetadata m = ConfigRequestMetadata.fromDictionary(
                Dictionary.parse(req.metadata(), Dictionary.METADATA_CAPACITY));
        assertEquals(ConfigRequestMetadata.ofNode1141("linux/x86_64"), m);
        assertFalse(m.wantsLegacyFormat());
        assertNull(m.authToken());
        ConfigRequestMetadata empty = ConfigRequestMetadata.fromDictionary(Dictionary.parse(new byte[0]));
        assertTrue(empty.wantsLegacyFormat());
        assertEquals("token:abc", ConfigRequestMetadata.fromDictionary(
                Dictionary.parse("v=7\na=token:abc".getBytes())).authToken());
    }
}
