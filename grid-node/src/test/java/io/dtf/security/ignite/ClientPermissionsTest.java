package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.security.Role;
import io.dtf.security.ignite.DtfSecurityContext.Kind;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.junit.jupiter.api.Test;

class ClientPermissionsTest {
    private static DtfSecurityContext context(Kind kind, Role role) {
        return new DtfSecurityContext(new DtfSubject(UUID.randomUUID(), SecuritySubjectType.REMOTE_CLIENT, "x", null),
                kind, role, "t", List.of(), kind == Kind.REFUSED_NODE ? "no token" : null);
    }

    @Test
    void aClientOfAnyRoleMayCallOnlyTheDtfServices() {
        for (Role role : new Role[] {Role.VIEWER, Role.SUBMITTER, Role.ADMIN}) {
            DtfSecurityContext client = context(Kind.CLIENT, role);
            assertEquals(Optional.empty(), ClientPermissions.refusal(client, "dtf-coordinator", SecurityPermission.SERVICE_INVOKE));
            assertEquals(Optional.empty(), ClientPermissions.refusal(client, "dtf-aggregator", SecurityPermission.SERVICE_INVOKE));
            assertTrue(ClientPermissions.refusal(client, "other", SecurityPermission.SERVICE_INVOKE).isPresent());
            for (SecurityPermission p : SecurityPermission.values()) {
                if (p != SecurityPermission.SERVICE_INVOKE) {
                    assertTrue(ClientPermissions.refusal(client, "dtf-runs", p).isPresent(), p + " for " + role);
                }
            }
        }
    }

    @Test
    void anAdmittedNodeMayDoAnythingAndARefusedOneNothingButHearWhy() {
        for (SecurityPermission p : SecurityPermission.values()) {
            assertEquals(Optional.empty(), ClientPermissions.refusal(context(Kind.NODE, Role.NODE), "dtf-runs", p));
            if (p != SecurityPermission.JOIN_AS_SERVER) {
                assertTrue(ClientPermissions.refusal(context(Kind.REFUSED_NODE, null), "dtf-runs", p).isPresent());
            }
        }
    }
}
