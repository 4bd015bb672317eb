package io.dtf.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinAsTest {
    private static final Path CONFIG = Path.of("config", "ignite-worker.xml");
    private static final Set<String> WORKER = Set.of(Roles.WORKER);
    private static final Set<String> WORKER_AND_DATA = Set.of(Roles.WORKER, Roles.DATA);

    @Test
    void byDefaultAWorkerOnlyNodeIsAClientAndAnyOtherAServer() {
        assertTrue(JoinAs.clientNode(null, null, WORKER, CONFIG));
        assertFalse(JoinAs.clientNode(null, null, WORKER_AND_DATA, CONFIG));
        assertFalse(JoinAs.clientNode(null, null, Set.of(Roles.CONSOLE), CONFIG));
        assertFalse(JoinAs.clientNode(JoinAs.AUTO, null, Set.copyOf(Roles.ALL), CONFIG));
    }

    @Test
    void serverKeepsAWorkerAServerNode() {
        assertFalse(JoinAs.clientNode(JoinAs.SERVER, null, WORKER, CONFIG));
        assertFalse(JoinAs.clientNode(null, false, WORKER, CONFIG), "clientMode false in the config");
    }

    @Test
    void theOptionWinsOverTheConfig() {
        assertTrue(JoinAs.clientNode(JoinAs.CLIENT, false, WORKER, CONFIG));
        assertFalse(JoinAs.clientNode(JoinAs.SERVER, true, WORKER, CONFIG));
        assertFalse(JoinAs.clientNode(JoinAs.AUTO, true, WORKER_AND_DATA, CONFIG), "auto ignores clientMode");
    }

    @Test
    void aClientWithARoleThatNeedsAServerIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JoinAs.clientNode(JoinAs.CLIENT, null, Set.of(Roles.WORKER, Roles.COORDINATOR, Roles.DATA), CONFIG));
        assertTrue(e.getMessage().startsWith("join-as: client "), e.getMessage());
        assertTrue(e.getMessage().contains("coordinator,data"), e.getMessage());
        assertTrue(e.getMessage().contains("--join-as server"), e.getMessage());
    }

    @Test
    void aClientModeConfigWithARoleThatNeedsAServerIsRefusedNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JoinAs.clientNode(null, true, Set.of(Roles.AGGREGATOR), CONFIG));
        assertTrue(e.getMessage().startsWith("clientMode in " + CONFIG + ": true "), e.getMessage());
        assertTrue(e.getMessage().contains("aggregator"), e.getMessage());
    }

    @Test
    void parsesAnyCaseAndRefusesOtherWordsNamingTheOption() {
        assertEquals(JoinAs.CLIENT, JoinAs.parse(" Client "));
        assertEquals(JoinAs.SERVER, JoinAs.parse("server"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JoinAs.parse("thick"));
        assertEquals("join-as: 'thick' is not one of auto, server, client", e.getMessage());
    }
}
