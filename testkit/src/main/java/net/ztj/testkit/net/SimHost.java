package net.ztj.testkit.net;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.IpText;

import java.util.HashMap;
import java.util.Map;

/** A host with one IP address, on the open network or behind a NAT. */
public final class SimHost {
    final SimNetwork network;
    final byte[] ip;
    final Nat nat; // null when on the open network
    final Map<Integer, SimSocket> sockets = new HashMap<>();
    boolean up = true;

    SimHost(SimNetwork network, String ip, Nat nat) {
        this.network = network;
        this.ip = IpText.parse(ip);
        this.nat = nat;
    }

    public Endpoint endpoint(int port) {
        return Endpoint.of(ip, port);
    }

    /** Binds a UDP socket. */
    public SimSocket bind(int port) {
        if (sockets.containsKey(port)) throw new IllegalStateException("port " + port + " in use");
        SimSocket s = new SimSocket(this, port, network.nextSocketId++);
        sockets.put(port, s);
        return s;
    }

    /** Takes the host off the network (datagrams to and from it vanish) or brings it back. */
    public void setUp(boolean up) {
        this.up = up;
    }

    public String ipText() {
        return IpText.format(ip);
    }
}
