/** Test support: a simulated network with NATs, a manual clock and event loop, harnesses around the core node. */
package net.ztj.testkit;
