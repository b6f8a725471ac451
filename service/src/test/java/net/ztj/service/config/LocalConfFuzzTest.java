package net.ztj.service.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Jazzer target for local.conf: the file's bytes, read as {@link LocalConfLoader#load} reads them, either bind to
 * settings (with warnings) or are refused with {@link LocalConfException}. Corpus replayed in the normal build;
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class LocalConfFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        if (input.length == 0) return; // an empty file is no configuration, not parsed
        LocalConf conf;
        try {
            conf = LocalConfLoader.parse(new String(input, StandardCharsets.UTF_8), warning -> assertNotNull(warning));
        } catch (LocalConfException refused) {
            return;
        }
        assertNotNull(conf.settings());
        assertNotNull(conf.document());
        conf.settings().toString();
    }
}
