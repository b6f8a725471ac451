package net.ztj.tap.offload;

/**
 * Counters of a port's offloads: whether they are on, the TCP super-frames read and the frames they were cut into,
 * frames read that had to be dropped (malformed or truncated), the super-frames written and the segments merged
 * into them.
 */
public record OffloadStats(boolean enabled, long superFramesRead, long segmentsCut, long dropped,
                           long superFramesWritten, long segmentsMerged) {
    /** A port without offloads. */
    public static final OffloadStats NONE = new OffloadStats(false, 0, 0, 0, 0, 0);

    @Override
    public String toString() {
        if (!enabled) return "offloads off";
        return "offloads on: " + superFramesRead + " TCP super-frames read (cut into " + segmentsCut + " frames), "
                + superFramesWritten + " written (merged from " + segmentsMerged + " segments), " + dropped
                + " dropped";
    }
}
