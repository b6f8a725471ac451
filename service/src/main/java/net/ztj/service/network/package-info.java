/** What the service keeps per joined network: the local settings and the interface name. */
package net.ztj.service.network;
