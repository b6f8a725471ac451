/** The single entry point: picks the zerotier-one, zerotier-cli or zerotier-idtool personality by program name. */
package net.ztj.app;
