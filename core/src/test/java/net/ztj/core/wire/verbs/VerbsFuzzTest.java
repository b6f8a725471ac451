package net.ztj.core.wire.verbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.MalformedException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Jazzer target for every verb payload codec: the first input byte chooses the codec (the list of
 * {@link VerbSamples}, OK bodies included), the rest is its payload. A payload either decodes or is refused with
 * {@link MalformedException}; what decodes encodes, and decoding that encoding gives the same encoding again.
 * Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
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
            return;
        }
        byte[] encoded = decoded.toBytes();
        VerbPayload again = codec.decoder().apply(new ByteReader(encoded));
        assertArrayEquals(encoded, again.toBytes(), codec.name());
    }
}
