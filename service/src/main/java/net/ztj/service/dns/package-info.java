/**
 * Names for members: the DNS server of the daemon that runs the controller (its networks' {@code dns.domain} zones,
 * answered from the controller's store) and, on members, the pushed DNS settings applied through systemd-resolved.
 */
package net.ztj.service.dns;
