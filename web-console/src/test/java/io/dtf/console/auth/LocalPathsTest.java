package io.dtf.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalPathsTest {
    @Test
    void localPathsWithTheirQueryAreKept() {
        assertEquals("/runs/r-1?state=FAILED&x=%2F", LocalPaths.safe("/runs/r-1?state=FAILED&x=%2F"));
        assertEquals("/", LocalPaths.safe("/"));
    }

    @Test
    void anythingThatCouldLeaveTheConsoleBecomesTheOverview() {
        for (String next : new String[] {null, "", "runs", "//evil.example", "///evil.example", "/\\evil.example",
                "https://evil.example/", "http:/evil", "javascript:alert(1)", "/a b", "/a\r\nSet-Cookie: x=y",
                "/a\u0000", "/" + "a".repeat(LocalPaths.MAX_LENGTH), "/%%"}) {
            assertEquals("/", LocalPaths.safe(next), String.valueOf(next));
        }
    }
}
