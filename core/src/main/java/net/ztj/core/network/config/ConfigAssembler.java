package net.ztj.core.network.config;

import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.AssemblyResult.Dropped;
import net.ztj.core.network.config.AssemblyResult.Reason;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.verbs.NetworkConfigChunk;

import java.util.HashSet;
import java.util.Set;

/**
 * Member side of spec 03 §7.2.2: collects signed NETWORK_CONFIG chunks of one network into whole dictionaries.
 * Each chunk is verified against the controller's identity, so chunks are accepted from any sender, in any
 * order. Up to three updates are assembled at once; a chunk of a new update ID reuses the least recently
 * touched slot. Totals are bounded by the dictionary capacity, so memory is bounded. Not thread-safe.
 */
public final class ConfigAssembler {
    public static final int MAX_SLOTS = 3;

    private final long networkId;
    private final int capacity;
    private final Slot[] slots = new Slot[MAX_SLOTS];
    private long touches;

    /** @param capacity largest accepted dictionary, exclusive (1.14: {@link Dictionary#NETWORK_CONFIG_CAPACITY}) */
    public ConfigAssembler(long networkId, int capacity) {
        this.networkId = networkId;
        this.capacity = capacity;
    }

    public ConfigAssembler(long networkId) {
        this(networkId, Dictionary.NETWORK_CONFIG_CAPACITY);
    }

    private static final class Slot {
        long updateId;
        long lastTouched;
        byte[] data;
        long have;
        boolean complete;
        final Set<Long> chunkIds = new HashSet<>();
    }

    /** Takes one signed chunk; {@code controller} is the identity of {@code networkId >>> 24}. */
    public AssemblyResult accept(NetworkConfigChunk c, Identity controller) {
        if (c.legacy()) return new Dropped(Reason.NOT_LEGACY);
        if (c.networkId() != networkId) return new Dropped(Reason.WRONG_NETWORK);
        long total = c.totalLength();
        if (total <= 0 || total >= capacity || c.chunkOffset() + c.chunk().length > total) {
            return new Dropped(Reason.BAD_LENGTHS);
        }
        byte[] sig = c.signature();
        if (c.signatureType() != NetworkConfigChunk.SIGNATURE_TYPE_C25519 || sig.length != 96) {
            return new Dropped(Reason.BAD_SIGNATURE_TYPE);
        }
        long chunkId = 0;
        for (int i = 0; i < 16; i++) chunkId ^= (sig[i] & 0xffL) << (8 * (i & 7));

        Slot slot = slotFor(c.updateId());
        if (slot.complete) return new Dropped(Reason.ALREADY_COMPLETE);
        if (slot.chunkIds.contains(chunkId)) return new Dropped(Reason.DUPLICATE);
        if (!c.verify(controller)) return new Dropped(Reason.BAD_SIGNATURE);
        if (slot.data == null) slot.data = new byte[(int) total];
        if (slot.data.length != total) return new Dropped(Reason.BAD_LENGTHS);
        if (slot.chunkIds.size() >= capacity / 1024 + 1) return new Dropped(Reason.TOO_MANY_CHUNKS);

        slot.chunkIds.add(chunkId);
        System.arraycopy(c.chunk(), 0, slot.data, (int) c.chunkOffset(), c.chunk().length);
        slot.have += c.chunk().length;
        if (slot.have == total) { // as in 1.14 a sum, so overlapping chunks are not detected
            slot.complete = true;
            return new AssemblyResult.Complete(slot.updateId, slot.data.clone());
        }
        return new AssemblyResult.Pending(slot.updateId, slot.have, total);
    }

    /**
     * Takes a legacy unsigned OK(NETWORK_CONFIG_REQUEST) carrying a whole dictionary: accepted only if the
     * caller knows it came from the controller; its update ID is the packet ID of the OK.
     */
    public AssemblyResult acceptLegacy(NetworkConfigChunk c, boolean fromController, long packetId) {
        if (!c.legacy()) return new Dropped(Reason.NOT_LEGACY);
        if (!fromController) return new Dropped(Reason.LEGACY_NOT_FROM_CONTROLLER);
        if (c.networkId() != networkId) return new Dropped(Reason.WRONG_NETWORK);
        if (c.chunk().length >= capacity) return new Dropped(Reason.BAD_LENGTHS);
        return new AssemblyResult.Complete(packetId, c.chunk());
    }

    private Slot slotFor(long updateId) {
        Slot lru = null;
        for (int i = 0; i < MAX_SLOTS; i++) {
            Slot s = slots[i];
            if (s != null && s.updateId == updateId) {
                s.lastTouched = ++touches;
                return s;
            }
            if (s == null) {
                slots[i] = s = new Slot();
                s.updateId = updateId;
                s.lastTouched = ++touches;
                return s;
            }
            if (lru == null || s.lastTouched < lru.lastTouched) lru = s;
        }
        lru.updateId = updateId;
        lru.data = null;
        lru.have = 0;
        lru.complete = false;
        lru.chunkIds.clear();
        lru.lastTouched = ++touches;
        return lru;
    }
}
