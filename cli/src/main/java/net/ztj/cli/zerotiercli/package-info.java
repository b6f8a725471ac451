/**
 * zerotier-cli (spec 05 §6): argument parsing, locating the service, a minimal HTTP client that sends exactly the
 * reference's requests, and one class per command with the reference's output formats.
 */
package net.ztj.cli.zerotiercli;
