package net.ztj.core.wire.verbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target for every verb payload codec: the first input byte chooses the codec (the list of
 * {@link VerbSamples}, OK bodies included), the rest is its payload. A payload either decodes or is refused with
 * {@link MalformedException}; what decodes encodes, and decoding that encoding gives the same encoding again. The
 * decoders the data path runs in place (the {@link PayloadView}s of FRAME, EXT_FRAME and MULTICAST_FRAME, the OK and
 * ERROR header accessors) are run on the same bytes and must accept exactly what the record decoder accepts and read
 * the same fields. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class VerbsFuzzTest {
    private static final List<VerbSamples.Sample> CODECS = VerbSamples.all();

    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) return;
        VerbSamples.Sample codec = CODECS.get((input[0] & 0xff) % CODECS.size());
        VerbPayload decoded;
        try {
            decoded = codec.decoder().apply(new ByteReader(input, 1, input.length));
        } catch (MalformedException dropped) {
            decoded = null;
        }
        inPlaceDecodersAgree(codec.name(), input, decoded);
        if (decoded == null) return;
        byte[] encoded = decoded.toBytes();
        VerbPayload again = codec.decoder().apply(new ByteReader(encoded));
        assertArrayEquals(encoded, again.toBytes(), codec.name());
    }

    /** The in-place decoder of a codec, over {@code input[1..]}, against the record decoded from it (null: refused). */
    private static void inPlaceDecodersAgree(String codec, byte[] input, VerbPayload decoded) {
        int off = 1, len = input.length - 1;
        switch (codec) {
            case "Frame" -> {
                Frame.View v = new Frame.View();
                assertEquals(decoded != null, v.wrap(input, off, len), codec);
                if (decoded instanceof Frame f) {
                    assertEquals(f.networkId(), v.networkId());
                    assertEquals(f.etherType(), v.etherType());
                    assertArrayEquals(f.payload(), data(v));
                }
            }
            case "ExtFrame" -> {
                ExtFrame.View v = new ExtFrame.View();
                assertEquals(decoded != null, v.wrap(input, off, len), codec);
                if (decoded instanceof ExtFrame f) {
                    assertEquals(f.networkId(), v.networkId());
                    assertEquals(f.flags(), v.flags());
                    assertEquals((f.flags() & ExtFrame.FLAG_ACK_REQUESTED) != 0, v.ackRequested());
                    assertEquals(f.com() != null, v.hasCom());
                    if (v.hasCom()) assertArrayEquals(f.com(), Arrays.copyOfRange(input, v.comOffset(), v.comEnd()));
                    assertEquals(f.destinationMac(), v.destinationMac());
                    assertEquals(f.sourceMac(), v.sourceMac());
                    assertEquals(f.etherType(), v.etherType());
                    assertArrayEquals(f.payload(), data(v));
                }
            }
            case "MulticastFrame", "MulticastFramePlain" -> {
                MulticastFrame.View v = new MulticastFrame.View();
                assertEquals(decoded != null, v.wrap(input, off, len), codec);
                if (decoded instanceof MulticastFrame f) {
                    assertEquals(f.networkId(), v.networkId());
                    assertEquals(f.flags(), v.flags());
                    assertEquals(f.com() != null, v.hasCom());
                    if (v.hasCom()) assertArrayEquals(f.com(), Arrays.copyOfRange(input, v.comOffset(), v.comEnd()));
                    assertEquals(f.gatherLimit(), v.gatherLimit());
                    assertEquals((f.flags() & MulticastFrame.FLAG_SOURCE_MAC) != 0, v.hasSourceMac());
                    assertEquals(f.sourceMac(), v.sourceMac());
                    assertEquals((f.flags() & MulticastFrame.FLAG_PLEASE_REPLICATE) != 0, v.pleaseReplicate());
                    assertEquals(f.destinationMac(), v.destinationMac());
                    assertEquals(f.adi(), v.adi());
                    assertEquals(f.etherType(), v.etherType());
                    assertArrayEquals(f.payload(), data(v));
                }
            }
            case "OkHeader" -> {
                if (decoded instanceof OkHeader h) {
                    assertEquals(h.inReVerb().code, OkHeader.inReVerbCode(input, off));
                    assertEquals(h.inRePacketId(), OkHeader.inRePacketId(input, off));
                }
            }
            case "ErrorMessage", "ErrorMessageUnwanted" -> {
                if (decoded instanceof ErrorMessage e) {
                    assertEquals(e.inReVerb().code, OkHeader.inReVerbCode(input, off));
                    assertEquals(e.inRePacketId(), OkHeader.inRePacketId(input, off));
                    assertEquals(e.code().code, ErrorMessage.errorCode(input, off));
                    if (e.detail().length >= 8) {
                        assertEquals(e.networkId(), ErrorMessage.detailNetworkId(input, off, input.length));
                    }
                }
            }
            default -> { }
        }
    }

    private static byte[] data(PayloadView v) {
        return Arrays.copyOfRange(v.buffer(), v.dataOffset(), v.dataOffset() + v.dataLength());
    }
}
