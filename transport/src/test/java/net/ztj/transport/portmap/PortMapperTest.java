package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortMapperTest {
    /** A protocol whose answer the test sets; it records its calls. */
    private static final class Scripted implements MappingProtocol {
        final String name;
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        volatile Optional<Mapping> answer = Optional.empty();

        Scripted(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Mapping> map(int internalPort, int suggestedExternalPort, long lifetimeSeconds) {
            calls.add("map " + internalPort + " " + suggestedExternalPort + " " + lifetimeSeconds);
            return answer;
        }

        @Override
        public void unmap(Mapping mapping) {
            calls.add("unmap " + mapping.external());
        }
    }

    @Test
    void triesEachProtocolInOrderKeepsTheFirstMappingAndRemovesItOnClose() throws Exception {
        Scripted pcp = new Scripted("PCP"), natPmp = new Scripted("NAT-PMP"), upnp = new Scripted("UPnP");
        Mapping granted = new Mapping("NAT-PMP", Endpoint.parse("10.81.0.3/30000"), 29999, PortMapper.LIFETIME_S);
        natPmp.answer = Optional.of(granted);
        Semaphore changed = new Semaphore(0);
        PortMapper mapper = new PortMapper(29999, List.of(pcp, natPmp, upnp), line -> {}, changed::release);
        try (mapper) {
            mapper.start();
            changed.acquire();
            assertEquals(Optional.of(granted), mapper.mapping());
            assertEquals(List.of(Endpoint.parse("10.81.0.3/30000")), mapper.externalAddresses());
            assertEquals("map 29999 29999 600", pcp.calls.take());
            assertEquals("map 29999 29999 600", natPmp.calls.take());
            assertTrue(upnp.calls.isEmpty(), "not asked once a mapping was granted");
        }
        assertEquals("unmap 10.81.0.3/30000", natPmp.calls.take());
        assertTrue(pcp.calls.isEmpty() && upnp.calls.isEmpty());
        assertTrue(mapper.mapping().isEmpty());
    }

    @Test
    void withoutAnyMappingNothingIsAdvertisedAndNothingRemoved() throws Exception {
        Scripted pcp = new Scripted("PCP");
        PortMapper mapper = new PortMapper(29999, List.of(pcp), line -> {}, () -> {});
        mapper.start();
        assertEquals("map 29999 29999 600", pcp.calls.take());
        mapper.close();
        assertTrue(mapper.externalAddresses().isEmpty());
        assertTrue(pcp.calls.stream().noneMatch(c -> c.startsWith("unmap")), pcp.calls.toString());
    }

    @Test
    void uniqueNameIsZeroTierOnes() {
        assertEquals("ZeroTier/00c0ffee01@29999", PortMapper.uniqueName(0xc0ffee01L, 29999));
    }
}
