package io.dtf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A refusal survives the trip through the thin client, which only passes on the server's text. */
class AccessDeniedExceptionTest {
    @Test
    void aRefusalIsReadBackFromTheTextOfWhateverCarriedIt() {
        AccessDeniedException sent = new AccessDeniedException("EXPIRED", "the token expired at 2026-12-01T12:00:00Z");
        RuntimeException received = new RuntimeException("Ignite failed", new RuntimeException(
                "class org.apache.ignite.IgniteException: " + sent + "\n\tat somewhere"));

        AccessDeniedException back = AccessDeniedException.in(received).orElseThrow();

        assertEquals("EXPIRED", back.reason());
        assertEquals("the token expired at 2026-12-01T12:00:00Z", back.detail());
        assertEquals(sent.getMessage(), back.getMessage());
        assertTrue(AccessDeniedException.in(new RuntimeException("other")).isEmpty());
        assertEquals(sent.detail(), AccessDeniedException.in(new RuntimeException(sent.getMessage()
                + " (server status code [1])")).orElseThrow().detail(), "the thin client's suffix is not the grid's");
    }
}
