package net.ztj.core.world;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target for worlds (a planet or moon file, or one carried in OK(HELLO)/moon updates): the bytes either
 * hold a world or are refused with {@link MalformedException}; a world serializes to exactly the bytes it was read
 * from and reads back equal. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
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
        byte[] bytes = w.serialize();
        assertEquals(bytes.length, w.wireLength());
        assertArrayEquals(Arrays.copyOf(input, bytes.length), bytes);
        assertEquals(w, World.deserialize(bytes, 0, bytes.length));
        w.signingMessage();
        w.toString();
    }
}
