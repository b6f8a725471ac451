package net.ztj.core.network.config;

/** What {@link ConfigAssembler} did with one chunk. */
public sealed interface AssemblyResult {
    /** All bytes of the update are present. */
    record Complete(long updateId, byte[] dictionary) implements AssemblyResult {
    }

    /** The chunk was accepted; more are needed. */
    record Pending(long updateId, long bytesHave, long bytesTotal) implements AssemblyResult {
    }

    /** The chunk was not used. */
    record Dropped(Reason reason) implements AssemblyResult {
    }

    /** Why a chunk was dropped. */
    enum Reason {
        WRONG_NETWORK, BAD_LENGTHS, BAD_SIGNATURE_TYPE, DUPLICATE, BAD_SIGNATURE, TOO_MANY_CHUNKS,
        ALREADY_COMPLETE, LEGACY_NOT_FROM_CONTROLLER, NOT_LEGACY
    }
}
