package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.model.RecordJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link ControllerStore} contract, run against every implementation. Subclasses give {@link #open()}, which
 * opens the same (initially empty) storage each time it is called within one test.
 */
abstract class ControllerStoreContract {
    static final String NWID = "8056c2e21c000001";
    static final String OTHER = "8056c2e21c000002";
    private final List<ControllerStore> opened = new ArrayList<>();

    /** Opens the storage under test; within one test every call reaches the same data. */
    abstract ControllerStore openStorage();

    ControllerStore open() {
        ControllerStore s = openStorage();
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ControllerStore::close);
    }

    static NetworkRecord network(String nwid, String name) {
        return NetworkRecord.fromJson(RecordJson.parse("{\"id\":\"" + nwid + "\",\"name\":\"" + name
                + "\",\"creationTime\":1000}"));
    }

    static MemberRecord member(String nwid, String address) {
        return MemberRecord.newMember(nwid, address, 2000);
    }

    static MemberRecord member(String nwid, String address, boolean activeBridge, String... ips) {
        var doc = member(nwid, address).toJson();
        doc.put("activeBridge", activeBridge);
        var list = doc.putArray("ipAssignments");
        for (String ip : ips) list.add(ip);
        return MemberRecord.fromJson(doc);
    }

    @Test
    void answersActiveBridgesAndTakenAddressesAsTheMembersAreSaved() {
        ControllerStore store = open();
        store.saveNetwork(network(NWID, "a"));
        store.saveNetwork(network(OTHER, "b"));
        store.saveMember(member(NWID, "bbbbbbbbbb", false, "10.0.0.2"));
        store.saveMember(member(NWID, "AAAAAAAAAA", true, "10.0.0.1", "10.0.0.11"));
        store.saveMember(member(OTHER, "cccccccccc", true, "10.0.0.3"));
        assertEquals(List.of("aaaaaaaaaa"), store.activeBridges(NWID));
        assertTrue(store.ipAssignedToOther(NWID, "10.0.0.1", "bbbbbbbbbb"));
        assertTrue(store.ipAssignedToOther(NWID.toUpperCase(), "10.0.0.11", "BBBBBBBBBB"));
        assertFalse(store.ipAssignedToOther(NWID, "10.0.0.1", "aaaaaaaaaa"), "its own address is not taken");
        assertFalse(store.ipAssignedToOther(NWID, "10.0.0.3", "bbbbbbbbbb"), "another network's address is free");

        store.saveMember(member(NWID, "aaaaaaaaaa", false, "10.0.0.9").withRevision(1));
        assertEquals(List.of(), store.activeBridges(NWID));
        assertFalse(store.ipAssignedToOther(NWID, "10.0.0.1", "bbbbbbbbbb"));
        assertTrue(store.ipAssignedToOther(NWID, "10.0.0.9", "bbbbbbbbbb"));
        store.deleteMember(NWID, "aaaaaaaaaa");
        assertFalse(store.ipAssignedToOther(NWID, "10.0.0.9", "bbbbbbbbbb"));
        store.deleteNetwork(OTHER);
        assertEquals(List.of(), store.activeBridges(OTHER));
        assertFalse(store.ipAssignedToOther(OTHER, "10.0.0.3", "bbbbbbbbbb"));
    }

    @Test
    void createNetworkStartsAtRevisionOneAndRefusesATakenId() {
        ControllerStore store = open();
        NetworkRecord created = store.createNetwork(network(NWID, "a")).orElseThrow();
        assertEquals(1, created.revision());
        assertEquals(Optional.empty(), store.createNetwork(network(NWID, "b")));
        assertEquals("a", store.network(NWID).orElseThrow().name());
    }

    @Test
    void savesBumpTheRevisionOnlyWhenSomethingChanged() {
        ControllerStore store = open();
        SaveResult<NetworkRecord> first = store.saveNetwork(network(NWID, "a"));
        assertTrue(first.changed());
        assertEquals(1, first.current().revision());
        SaveResult<NetworkRecord> same = store.saveNetwork(network(NWID, "a"));
        assertFalse(same.changed());
        assertEquals(1, same.current().revision());
        SaveResult<NetworkRecord> renamed = store.saveNetwork(network(NWID, "b").withRevision(1));
        assertTrue(renamed.changed());
        assertEquals(2, renamed.current().revision());
        assertEquals(first.current(), renamed.previous());
        assertEquals(renamed.current().toJsonText(), store.network(NWID.toUpperCase()).orElseThrow().toJsonText());
    }

    @Test
    void listsNetworksInIdOrderAndDeletesThemWithTheirMembers() {
        ControllerStore store = open();
        store.saveNetwork(network(OTHER, "2"));
        store.saveNetwork(network(NWID, "1"));
        store.saveMember(member(NWID, "abcdef0123"));
        store.saveMember(member(OTHER, "abcdef0123"));
        assertEquals(List.of(NWID, OTHER), store.networks().stream().map(NetworkRecord::id).toList());
        assertEquals("1", store.deleteNetwork(NWID).orElseThrow().name());
        assertEquals(Optional.empty(), store.deleteNetwork(NWID));
        assertEquals(List.of(), store.members(NWID));
        assertEquals(Optional.empty(), store.member(NWID, "abcdef0123"));
        assertEquals(1, store.members(OTHER).size());
        assertThrows(NoSuchNetworkException.class, () -> store.saveMember(member(NWID, "abcdef0123")));
    }

    @Test
    void membersAreKeptPerNetworkAndFoundIgnoringCase() {
        ControllerStore store = open();
        assertThrows(NoSuchNetworkException.class, () -> store.saveMember(member(NWID, "abcdef0123")));
        store.saveNetwork(network(NWID, "n"));
        MemberRecord upper = MemberRecord.fromJson(RecordJson.parse(
                "{\"id\":\"ABCDEF0123\",\"nwid\":\"8056C2E21C000001\",\"authorized\":true}"));
        assertEquals(1, store.saveMember(upper).current().revision());
        store.saveMember(member(NWID, "0000000001"));
        MemberRecord found = store.member(NWID, "abcdef0123").orElseThrow();
        assertEquals("ABCDEF0123", found.id());
        assertTrue(found.authorized());
        assertEquals(List.of("0000000001", "ABCDEF0123"), store.members(NWID).stream().map(MemberRecord::id).toList());
        SaveResult<MemberRecord> deauth = store.updateMember(NWID, "abcdef0123",
                m -> m.orElseThrow().withAuthorized(false));
        assertEquals(2, deauth.current().revision());
        assertFalse(store.member(NWID, "ABCDEF0123").orElseThrow().authorized());
        assertEquals("ABCDEF0123", store.deleteMember(NWID, "abcdef0123").orElseThrow().id());
        assertEquals(Optional.empty(), store.deleteMember(NWID, "abcdef0123"));
        assertThrows(IllegalArgumentException.class, () -> store.updateMember(NWID, "0000000001",
                m -> member(NWID, "0000000002")));
    }

    @Test
    void updatesFromConcurrentWritersAreNeverLost() throws Exception {
        ControllerStore a = open();
        ControllerStore b = open();
        a.saveNetwork(network(NWID, "n"));
        a.saveMember(member(NWID, "abcdef0123"));
        int writers = 6;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                ControllerStore store = w % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        store.updateMember(NWID, "abcdef0123", m -> {
                            MemberRecord cur = m.orElseThrow();
                            List<String> ips = new ArrayList<>(cur.ipAssignments());
                            ips.add("10.0." + (ips.size() / 250) + "." + (ips.size() % 250 + 1));
                            return cur.withIpAssignments(ips);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        MemberRecord last = b.member(NWID, "abcdef0123").orElseThrow();
        assertEquals(writers * perWriter, last.ipAssignments().size());
        assertEquals(1 + writers * perWriter, last.revision());
    }

    @Test
    void listenersHearEachCommittedChangeOnce() {
        ControllerStore store = open();
        List<String> heard = new ArrayList<>();
        store.addListener(new ChangeListener() {
            @Override
            public void networkChanged(NetworkRecord before, NetworkRecord after) {
                heard.add("network " + (before == null ? "-" : before.revision()) + "->"
                        + (after == null ? "-" : after.revision()));
            }

            @Override
            public void memberChanged(MemberRecord before, MemberRecord after) {
                heard.add("member " + (before == null ? "-" : before.revision()) + "->"
                        + (after == null ? "-" : after.revision()));
            }
        });
        store.createNetwork(network(NWID, "a"));
        store.saveNetwork(network(NWID, "a").withRevision(1));
        store.saveNetwork(network(NWID, "b").withRevision(1));
        store.saveMember(member(NWID, "abcdef0123"));
        store.saveMember(member(NWID, "abcdef0123").withAuthorized(true).withRevision(1));
        store.deleteMember(NWID, "abcdef0123");
        store.deleteNetwork(NWID);
        assertEquals(List.of("network -->1", "network 1->2", "member -->1", "member 1->2", "member 2->-",
                "network 2->-"), heard);
    }

    @Test
    void recordsSurviveReopening() {
        ControllerStore first = open();
        first.saveNetwork(network(NWID, "kept"));
        MemberRecord m = first.saveMember(member(NWID, "abcdef0123").withAuthorized(true)).current();
        first.close();
        ControllerStore second = open();
        assertEquals("kept", second.network(NWID).orElseThrow().name());
        assertEquals(m.toJsonText(), second.member(NWID, "abcdef0123").orElseThrow().toJsonText());
        assertThrows(StoreException.class, () -> first.network(NWID));
    }
}
