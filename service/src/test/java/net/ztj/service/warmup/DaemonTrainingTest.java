package net.ztj.service.warmup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DaemonTrainingTest {
    @Test
    void aRootAndAMemberOfItsPlanetComeOnlineOnLoopbackAndStop(@TempDir Path scratch) throws Exception {
        String before = System.getProperty(DataPathWarmup.PROPERTY);
        // returns only once the root and then the member (through the root) answered /status with online true,
        // and both stopped with exit code 0; it throws otherwise
        DaemonTraining.run(scratch);
        assertEquals(before, System.getProperty(DataPathWarmup.PROPERTY), "the warm-up setting is restored");
    }
}
