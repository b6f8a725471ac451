package net.ztj.service.port;

import net.ztj.tap.offload.OffloadStats;

/**
 * One network port's frame counts since it was opened: frames read from the tap and handed to the node, frames the
 * node wrote to it, frames dropped for exceeding the MTU or failing to be written, and what its offloads did.
 */
public record PortCounters(long networkId, String device, long framesRead, long framesWritten, long oversizeDropped,
                           long writeErrors, OffloadStats offloads) {}
