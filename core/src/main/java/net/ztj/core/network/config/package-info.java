/**
 * Network configuration (spec 03 §7): the NetworkConfig dictionary, config request metadata, and splitting a
 * configuration into signed NETWORK_CONFIG chunks and reassembling them on the member side.
 */
package net.ztj.core.network.config;
