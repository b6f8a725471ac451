/** The home folder (/var/lib/zerotier-one or the path given) and the node identity kept in it. */
package net.ztj.service.home;
