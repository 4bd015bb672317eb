package io.dtf.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void escapeSequencesCarriageReturnsAndBidiOverridesBecomeVisible() {
        assertEquals("evil\\u001b[2J\\u001b]0;title\\u0007 name", SafeText.line("evil\u001b[2J\u001b]0;title\u0007 name"));
        assertEquals("ok\\rFAKE", SafeText.line("ok\rFAKE"));
        assertEquals("abc\\u202egnp.exe", SafeText.line("abc\u202egnp.exe"));
        assertEquals("\\u009b31m", SafeText.line("\u009b31m"), "the one-byte C1 CSI too");
        assertEquals("line\\nnext\\ttab", SafeText.line("line\nnext\ttab"));
    }

    @Test
    void severalLinesKeepTheirNewlinesAndTabs() {
        assertEquals("one\n\ttwo \\u001b[31m", SafeText.lines("one\n\ttwo \u001b[31m"));
    }

    @Test
    void plainTextIsReturnedAsItIsIncludingNonAsciiLetters() {
        String plain = "sha256[size=64KiB]#2 µs Grüße 日本";
        assertSame(plain, SafeText.line(plain));
        assertTrue(SafeText.isPlain(plain));
        assertFalse(SafeText.isPlain("a\u0000b"));
        assertEquals(null, SafeText.line(null));
    }

    @Test
    void anAbbreviationSaysHowLongTheWholeWas() {
        assertEquals("aaaa... (10 characters)", SafeText.abbreviated("aaaaaaaaaa", 4));
        assertEquals("a\\u001b", SafeText.abbreviated("a\u001b", 4));
    }

    @Test
    void aShortenedTextIsBoundedEscapesIncluded() {
        assertEquals("a\\u001b", SafeText.shortened("a\u001b", 7));
        assertEquals("a\\u00... (3 characters)", SafeText.shortened("a\u001b\u001b", 5));
        assertEquals("aaaa... (10 characters)", SafeText.shortened("aaaaaaaaaa", 4));
    }
}
