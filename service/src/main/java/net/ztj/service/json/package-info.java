/**
 * JSON as ZeroTier One writes and reads it: nlohmann/json's text forms (compact, or indented with sorted keys) and
 * the reference's lenient reading of loosely typed values. Shared by the daemon's API and zerotier-cli.
 */
package net.ztj.service.json;
