/** Local interface addresses worth advertising to peers, chosen as spec 05 §9.2 chooses the addresses to bind. */
package net.ztj.transport.iface;
