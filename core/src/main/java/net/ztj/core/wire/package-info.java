/**
 * The ZeroTier 1.x wire below the verbs: bounds-checked readers and writers, physical endpoints, the packet and
 * fragment header layout, armoring (cipher suites 0, 1, 3 and the trusted-path marker), compression,
 * fragmentation and reassembly (spec 02 §1–§7). The payload codec of each verb is in {@code verbs}.
 */
package net.ztj.core.wire;
