package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dtf.security.Role;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientSubjectIdsTest {
    @Test
    void aClientIdCarriesItsRoleAndANodeIdNone() {
        for (Role role : Role.values()) {
            assertEquals(Optional.of(role), ClientSubjectIds.role(ClientSubjectIds.next(role)));
        }
        assertNotEquals(ClientSubjectIds.next(Role.VIEWER), ClientSubjectIds.next(Role.VIEWER));
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.empty(), ClientSubjectIds.role(UUID.randomUUID()));
        }
    }
}
