/**
 * The home folder (/var/lib/zerotier-one or the path given) and the state kept in it: identity, tokens, pid and port
 * files, planet and moons (spec 05 §3).
 */
package net.ztj.service.home;
