package net.ztj.core.network.dictionary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.MalformedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target: received dictionary bytes (a network config, config request metadata). Parsing keeps the bytes up
 * to the first NUL; every lookup on every key the text holds answers or falls back to its default, and whatever a
 * lookup returns can be added to a new dictionary and read back unchanged. Corpus replayed in the normal build;
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class DictionaryFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        Dictionary d;
        try {
            d = Dictionary.parse(input, Dictionary.METADATA_CAPACITY * 4);
        } catch (MalformedException tooLong) {
            return;
        }
        int n = 0;
        while (n < input.length && input[n] != 0) n++;
        assertArrayEquals(Arrays.copyOf(input, n), d.toBytes());
        Dictionary copy = new Dictionary(Dictionary.NETWORK_CONFIG_CAPACITY);
        for (String line : new String(d.toBytes(), StandardCharsets.UTF_8).split("\n", 64)) {
            int eq = line.indexOf('=');
            String key = eq > 0 ? line.substring(0, eq) : line;
            byte[] value = d.get(key);
            d.contains(key);
            d.getString(key, "");
            d.getUnsigned(key, 0);
            d.getSigned(key, 0);
            d.getBoolean(key, false);
            d.getAddress(key);
            if (value != null && !key.isEmpty() && key.chars().noneMatch(c -> c == 0 || c == '\r' || c == '\n' || c == '=')
                    && !copy.contains(key)) {
                copy.add(key, value);
                assertArrayEquals(value, copy.get(key), key);
            }
        }
        assertEquals(d.toString(), Dictionary.parse(d.toBytes(), d.capacity()).toString());
    }
}
