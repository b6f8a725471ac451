package net.ztj.service.dns;

import net.ztj.controller.engine.IpAssignment;
import net.ztj.controller.engine.PushedDns;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.controller.store.ControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.IpText;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The zones of the controller's networks, kept current from its store: loaded once, then changed by every network
 * and member change the store reports, so a rename, a new address or a deauthorization is answered from the next
 * query on. Readers take {@link #zones()}, an immutable snapshot, without locking.
 *
 * <p>Threads: the store's listener calls come on whichever thread changed the store; they update the records under
 * this object's lock and publish a new snapshot. Only in-memory work happens there.
 */
public final class ZoneBook implements ChangeListener {
    private final Map<String, NetworkRecord> networks = new HashMap<>();
    private final Map<String, Map<String, MemberRecord>> members = new HashMap<>();
    private final Map<String, Zone> built = new TreeMap<>();
    private volatile Map<Long, Zone> zones = Map.of();

    /** Every network and member of the store; call {@link ControllerStore#addListener} before, so no change is missed. */
    public synchronized void load(ControllerStore store) {
        for (NetworkRecord n : store.networks()) {
            networks.put(n.id().toLowerCase(Locale.ROOT), n);
            Map<String, MemberRecord> byAddress = members.computeIfAbsent(n.id().toLowerCase(Locale.ROOT), k -> new HashMap<>());
            for (MemberRecord m : store.members(n.id())) byAddress.putIfAbsent(m.key(), m); // a change heard first wins
            rebuild(n.id().toLowerCase(Locale.ROOT));
        }
    }

    /** The zones now: network ID to zone, only networks with a usable {@code dns.domain}. */
    public Map<Long, Zone> zones() {
        return zones;
    }

    @Override
    public synchronized void networkChanged(NetworkRecord before, NetworkRecord after) {
        if (after == null) {
            String key = before.id().toLowerCase(Locale.ROOT);
            networks.remove(key);
            members.remove(key);
            rebuild(key);
            return;
        }
        String key = after.id().toLowerCase(Locale.ROOT);
        networks.put(key, after);
        rebuild(key);
    }

    @Override
    public synchronized void memberChanged(MemberRecord before, MemberRecord after) {
        MemberRecord any = after != null ? after : before;
        String key = any.networkKey();
        Map<String, MemberRecord> byAddress = members.computeIfAbsent(key, k -> new HashMap<>());
        if (after == null) byAddress.remove(any.key());
        else byAddress.put(any.key(), after);
        rebuild(key);
    }

    private void rebuild(String nwid) {
        NetworkRecord net = networks.get(nwid);
        Zone zone = net == null ? null : build(net, members.getOrDefault(nwid, Map.of()).values());
        if (zone == null) built.remove(nwid);
        else built.put(nwid, zone);
        Map<Long, Zone> next = new HashMap<>();
        for (Zone z : built.values()) next.put(z.networkId(), z);
        zones = Map.copyOf(next);
    }

    /** The zone of a network, or null when it has no domain that is a valid DNS name. */
    static Zone build(NetworkRecord net, Iterable<MemberRecord> members) {
        Name domain = domain(PushedDns.fromJson(net.dns()).domain());
        long networkId;
        try {
            networkId = Long.parseUnsignedLong(net.id(), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        if (domain == null) return null;
        Map<String, List<InetAddress>> byLabel = new HashMap<>();
        Map<InetAddress, List<Name>> byAddress = new LinkedHashMap<>();
        List<MemberRecord> sorted = new ArrayList<>();
        members.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparing(MemberRecord::key));
        for (MemberRecord m : sorted) {
            if (!m.authorized()) continue;
            Address address;
            try {
                address = Address.parse(m.key());
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<InetAddress> ips = new ArrayList<>();
            for (String a : IpAssignment.managedAddresses(net, m, networkId, address)) {
                InetAddress ip = inet(a);
                if (ip != null && !ips.contains(ip)) ips.add(ip);
            }
            if (ips.isEmpty()) continue;
            List<String> labels = new ArrayList<>();
            String label = MemberNames.label(m.name());
            if (!label.isEmpty()) labels.add(label);
            if (!labels.contains(m.key())) labels.add(m.key());
            for (String l : labels) {
                List<InetAddress> list = byLabel.computeIfAbsent(l, k -> new ArrayList<>());
                for (InetAddress ip : ips) if (!list.contains(ip)) list.add(ip);
                Name name = name(l, domain);
                if (name == null) continue;
                for (InetAddress ip : ips) byAddress.computeIfAbsent(ip, k -> new ArrayList<>()).add(name);
            }
        }
        Map<String, List<InetAddress>> frozenLabels = new HashMap<>();
        byLabel.forEach((k, v) -> frozenLabels.put(k, List.copyOf(v)));
        Map<InetAddress, List<Name>> frozenAddresses = new HashMap<>();
        byAddress.forEach((k, v) -> frozenAddresses.put(k, List.copyOf(v)));
        return new Zone(networkId, domain, frozenLabels, frozenAddresses);
    }

    /** The domain as an absolute lowercase name; null when empty or not a valid name. */
    static Name domain(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        while (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty()) return null;
        try {
            Name n = Name.fromString(t + ".");
            return n.labels() > 1 && n.length() <= 255 - 64 ? n : null; // room for a member label below it
        } catch (TextParseException e) {
            return null;
        }
    }

    private static Name name(String label, Name domain) {
        try {
            return Name.concatenate(Name.fromString(label), domain);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }

    /** The address of "ip" or "ip/bits" text, or null. */
    static InetAddress inet(String ipSlashBits) {
        int slash = ipSlashBits.indexOf('/');
        try {
            return InetAddress.getByAddress(IpText.parse(slash < 0 ? ipSlashBits : ipSlashBits.substring(0, slash)));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }
}
