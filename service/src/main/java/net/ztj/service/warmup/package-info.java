/**
 * Start-up work that makes the daemon fast from its first packet: the in-memory data-path warm-up that gets the
 * JIT to compile the tunnel's code before traffic arrives.
 */
package net.ztj.service.warmup;
