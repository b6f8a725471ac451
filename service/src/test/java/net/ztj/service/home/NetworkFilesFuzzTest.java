package net.ztj.service.home;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.MalformedException;
import net.ztj.service.network.NetworkSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Jazzer target for the files of networks.d: the input is written as both {@code <nwid>.conf} and
 * {@code <nwid>.local.conf} and read back through {@link NetworkFiles}. The cached configuration goes where the
 * node takes it at start-up (dictionary, then network configuration, refused with {@link MalformedException}); the
 * local settings always give settings (the defaults for an unreadable file), which format to a file that reads
 * back equal. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class NetworkFilesFuzzTest {
    private static final long NWID = 0x8056c2e21c000001L;
    private static Path dir;

    @BeforeAll
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("ztj-networks-d-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @FuzzTest
    void read(byte[] input) throws IOException {
        Files.write(dir.resolve(String.format("%016x.conf", NWID)), input);
        Files.write(dir.resolve(String.format("%016x.local.conf", NWID)), input);
        NetworkFiles files = new NetworkFiles(dir);
        assertEquals(List.of(NWID), files.joined());
        byte[] cached = files.readConfig(NWID);
        if (cached != null) {
            try {
                NetworkConfig.fromDictionary(Dictionary.parse(cached));
            } catch (MalformedException refused) {
                // an unreadable cache is ignored and the configuration requested again
            }
        }
        NetworkSettings settings = files.settings(NWID);
        assertNotNull(settings);
        assertEquals(settings, NetworkSettings.parse(settings.format()));
    }
}
