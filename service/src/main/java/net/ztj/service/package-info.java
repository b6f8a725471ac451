/** The zerotier-one daemon: command line, home folder, settings, wiring of core, transports and taps, local API. */
package net.ztj.service;
