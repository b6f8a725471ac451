package net.ztj.core.world;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.MalformedException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer target for worlds (a planet or moon file, or one carried in OK(HELLO)/moon updates): the bytes either
 * hold a world or are refused with {@link MalformedException}; a world serializes to its canonical form (private
 * keys and moon extensions left out), which reads back equal and is as long as it reads. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class WorldFuzzTest {
    @FuzzTest
    void deserialize(byte[] input) {
        World w;
        try {
            w = World.deserialize(input, 0, input.length);
        } catch (MalformedException refused) {
            return;
        }
        assertTrue(w.wireLength() <= input.length);
        byte[] bytes = w.serialize();
        World again = World.deserialize(bytes, 0, bytes.length);
        assertEquals(w, again);
        assertEquals(bytes.length, again.wireLength());
        assertArrayEquals(bytes, again.serialize());
        w.signingMessage();
        w.toString();
    }
}
