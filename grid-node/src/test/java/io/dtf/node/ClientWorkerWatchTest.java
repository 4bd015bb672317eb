package io.dtf.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a ping's answer means. A live client worker was once failed because the server's own stop
 * cut a ping short, which answered "no" at once: only a prompt "no" while the watch runs may fail
 * a client. (That the watch fails a killed client within a second is {@code ClientWorkerIT}'s.)
 */
class ClientWorkerWatchTest {
    private static final long PROMPT = ClientWorkerWatch.PROMPT.toMillis();

    @Test
    void aPromptNoMeansTheConnectionIsGone() {
        assertTrue(ClientWorkerWatch.connectionGone(false, 3, false, false));
    }

    @Test
    void anAnsweredPingIsAliveHoweverLongItTook() {
        assertFalse(ClientWorkerWatch.connectionGone(true, 3, false, false));
        assertFalse(ClientWorkerWatch.connectionGone(true, PROMPT * 10, false, false));
    }

    @Test
    void aLateNoIsLeftToIgnitesOwnTimeout() {
        assertFalse(ClientWorkerWatch.connectionGone(false, PROMPT, false, false));
    }

    @Test
    void aNoThatThisNodesStopCutShortFailsNobody() {
        assertFalse(ClientWorkerWatch.connectionGone(false, 0, true, false), "the watch was closed meanwhile");
        assertFalse(ClientWorkerWatch.connectionGone(false, 0, false, true), "the ping's thread was interrupted");
    }
}
