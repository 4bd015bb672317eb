package io.dtf.ci.surefire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgLineTest {
    @Test
    void splitsAtWhiteSpaceOutsideQuotes() {
        assertEquals(List.of("-Xmx1g", "-Da=b c", "-Dd='x'", ""), ArgLine.split("  -Xmx1g\t'-Da=b c' \"-Dd='x'\" \"\" "));
    }

    @Test
    void nothingGivesNoArguments() {
        assertEquals(List.of(), ArgLine.split(null));
        assertEquals(List.of(), ArgLine.split("   "));
    }

    @Test
    void anUnclosedQuoteIsAnErrorNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArgLine.split("-Da=\"b"));
        assertEquals("argLine: a \" quote is not closed in: -Da=\"b", e.getMessage());
    }
}
