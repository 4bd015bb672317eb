package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginCheckTest {
    @Test
    void theConsolesOwnPagesAreLetIn() {
        assertTrue(OriginCheck.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(OriginCheck.allows("https://Console.Example.org", "console.example.org:443"));
        assertTrue(OriginCheck.allows("http://localhost", "localhost"));
    }

    @Test
    void clientsThatAreNoBrowserSendNoOriginAndAreLetIn() {
        assertTrue(OriginCheck.allows(null, "127.0.0.1:8080"));
    }

    @Test
    void otherSitesAndOddOriginsAreRefused() {
        assertFalse(OriginCheck.allows("http://evil.example", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("http://127.0.0.1:9999", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("http://127.0.0.1.evil.example:8080", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("null", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("file://", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("http://[::1", "127.0.0.1:8080"));
        assertFalse(OriginCheck.allows("http://127.0.0.1:8080", null));
    }
}
