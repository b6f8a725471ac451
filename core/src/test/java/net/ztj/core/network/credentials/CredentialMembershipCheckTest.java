package net.ztj.core.network.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate, revocation thresholds and credential validity of spec 03 §8.8. */
class CredentialMembershipCheckTest {
    private static final JsonNode V = Vectors.json("networks_com.json");
    private static final Identity CONTROLLER = Identity.fromString(V.get("controller_identity_secret").asText());
    private static final Identity MEMBER = Identity.fromString(V.get("member_identity_secret").asText());
    private static final Identity MEMBER2 = Identity.fromString(V.get("member2_identity_secret").asText());
    private static final NetworkId NWID = NetworkId.parse(V.get("networkId").asText());
    private static final long T = 1_700_000_000_000L;
    private static final long CTMD = 1_800_000L;

    private static Optional<CertificateOfMembership> com(Identity who, long ts) {
        return Optional.of(CertificateOfMembership.issue(NWID, ts, CTMD, who).sign(CONTROLLER));
    }

    private static Revocation revoke(CredentialType type, long credentialId, long threshold) {
        return Revocation.create(7, NWID, credentialId, threshold, Revocation.FLAG_FAST_PROPAGATE,
                MEMBER2.address(), type).sign(CONTROLLER);
    }

    @Test
    void gateDecisions() {
        RevocationThresholds none = RevocationThresholds.NONE;
        assertTrue(MembershipCheck.gate(com(MEMBER, T), com(MEMBER2, T + CTMD), MEMBER2, none).isMember());
        assertEquals(new MembershipDecision.NotMember(MembershipDecision.Reason.DISAGREES),
                MembershipCheck.gate(com(MEMBER, T), com(MEMBER2, T + CTMD + 1), MEMBER2, none));
        assertEquals(new MembershipDecision.NotMember(MembershipDecision.Reason.DISAGREES),
                MembershipCheck.gate(com(MEMBER, T), com(MEMBER2, T), MEMBER, none));
        assertEquals(new MembershipDecision.NotMember(MembershipDecision.Reason.NO_PEER_CERTIFICATE),
                MembershipCheck.gate(com(MEMBER, T), Optional.empty(), MEMBER2, none));
        assertEquals(new MembershipDecision.NotMember(MembershipDecision.Reason.NO_LOCAL_CERTIFICATE),
                MembershipCheck.gate(Optional.empty(), com(MEMBER2, T), MEMBER2, none));
        assertTrue(MembershipCheck.gate(true, com(MEMBER, T), Optional.empty(), MEMBER2, none).isMember());
        assertFalse(MembershipCheck.gate(true, Optional.empty(), Optional.empty(), MEMBER2, none).isMember());
    }

    @Test
    void revokedComFailsTheGateUntilANewerOneArrives() {
        RevocationThresholds.Applied a = RevocationThresholds.NONE.apply(revoke(CredentialType.COM, 0, T));
        assertEquals(RevocationThresholds.Outcome.ACCEPTED_NEW, a.outcome());
        assertEquals(new MembershipDecision.NotMember(MembershipDecision.Reason.REVOKED),
                MembershipCheck.gate(com(MEMBER, T), com(MEMBER2, T), MEMBER2, a.thresholds()));
        assertTrue(MembershipCheck.gate(com(MEMBER, T), com(MEMBER2, T + 1), MEMBER2, a.thresholds()).isMember());
        assertEquals(RevocationThresholds.Outcome.REDUNDANT,
                a.thresholds().apply(revoke(CredentialType.COM, 0, T - 1)).outcome());
        assertFalse(MembershipCheck.shouldAcceptCom(Optional.empty(), com(MEMBER2, T).get(), a.thresholds()));
        assertTrue(MembershipCheck.shouldAcceptCom(com(MEMBER2, T), com(MEMBER2, T + 1).get(), a.thresholds()));
        assertFalse(MembershipCheck.shouldAcceptCom(com(MEMBER2, T + 2), com(MEMBER2, T + 1).get(), a.thresholds()));
        assertFalse(MembershipCheck.shouldAcceptCom(com(MEMBER2, T + 2), com(MEMBER2, T + 2).get(), a.thresholds()));
    }

    @Test
    void credentialRevocationAlsoSetsTheComThreshold() {
        RevocationThresholds r = RevocationThresholds.NONE.apply(revoke(CredentialType.TAG, 100, T)).thresholds();
        assertTrue(r.revoked(CredentialType.TAG, 100, T));
        assertFalse(r.revoked(CredentialType.TAG, 100, T + 1));
        assertFalse(r.revoked(CredentialType.TAG, 101, T));
        assertFalse(r.revoked(CredentialType.CAPABILITY, 100, T));
        assertTrue(r.comRevoked(T));
        assertEquals(T, r.comThreshold());
        assertEquals(RevocationThresholds.Outcome.REJECTED,
                r.apply(new Revocation(1, NWID, 0, T + 5, 0, Address.parse("0102030405"), CONTROLLER.address(), 5,
                        new byte[96])).outcome());
    }

    @Test
    void credentialValidityWindow() {
        RevocationThresholds none = RevocationThresholds.NONE;
        assertTrue(MembershipCheck.credentialUsable(CredentialType.TAG, 1, T + CTMD, T, CTMD, none));
        assertTrue(MembershipCheck.credentialUsable(CredentialType.TAG, 1, T - CTMD, T, CTMD, none));
        assertFalse(MembershipCheck.credentialUsable(CredentialType.TAG, 1, T + CTMD + 1, T, CTMD, none));
        RevocationThresholds r = none.apply(revoke(CredentialType.COO, 1, T)).thresholds();
        assertFalse(MembershipCheck.credentialUsable(CredentialType.COO, 1, T, T, CTMD, r));
        assertTrue(MembershipCheck.credentialUsable(CredentialType.COO, 2, T, T, CTMD, r));
    }
}
