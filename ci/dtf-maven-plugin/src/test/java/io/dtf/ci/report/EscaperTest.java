package io.dtf.ci.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscaperTest {
    @Test
    void charactersXmlCannotHoldBecomeVisibleEscapesInEveryFormat() {
        String input = "a\u0000b\u001Fc\uFFFEd\uDC00e\tf\n";

        for (Escaper escaper : new Escaper[] {Escaper.XML_TEXT, Escaper.PLAIN, Escaper.HTML}) {
            assertEquals("a\\u0000b\\u001Fc\\uFFFEd\\uDC00e\tf\n", escaper.escape(input), escaper.name());
        }
        assertEquals("a\\u0000b\\u001Fc\\uFFFEd\\uDC00e&#9;f&#10;", Escaper.XML_ATTRIBUTE.escape(input));
    }

    @Test
    void markupIsEscapedForEachFormat() {
        String input = "<a href=\"x\">]]>&'</a>";

        assertEquals("&lt;a href=\"x\"&gt;]]&gt;&amp;'&lt;/a&gt;", Escaper.XML_TEXT.escape(input));
        assertEquals("&lt;a href=&quot;x&quot;&gt;]]&gt;&amp;'&lt;/a&gt;", Escaper.XML_ATTRIBUTE.escape(input));
        assertEquals("&lt;a href=&quot;x&quot;&gt;]]&gt;&amp;&#39;&lt;/a&gt;", Escaper.HTML.escape(input));
        assertEquals(input, Escaper.PLAIN.escape(input));
    }

    @Test
    void headKeepsTheStartWithinTheBudgetAndCountsWhatItLeftOut() {
        String input = "0123456789".repeat(10);

        String clipped = Escaper.XML_TEXT.head(input, 25);

        assertEquals("0123456789012345678901234\n[truncated by DTF: 75 bytes]", clipped);
    }

    @Test
    void tailKeepsTheEndAndStartsAtALineWhenOneIsNear() {
        String input = "first line\nsecond line\nthird line\n";

        assertEquals("[truncated by DTF: 23 bytes]\nthird line\n", Escaper.PLAIN.tail(input, 15));
    }

    @Test
    void budgetCountsEscapedBytesAndNeverSplitsACharacter() {
        String input = "😀<".repeat(10);

        String clipped = Escaper.XML_TEXT.head(input, 17);

        assertEquals("😀&lt;😀&lt;\n[truncated by DTF: 40 bytes]", clipped);
        assertTrue(clipped.substring(0, clipped.indexOf('\n')).getBytes(StandardCharsets.UTF_8).length <= 17);
        assertEquals(10 * (4 + "&lt;".length()), Escaper.XML_TEXT.escapedBytes(input));
    }

    @Test
    void textWithinTheBudgetIsKeptWhole() {
        assertEquals("short &amp; sweet", Escaper.XML_TEXT.head("short & sweet", 17));
        assertEquals("short &amp; sweet", Escaper.XML_TEXT.tail("short & sweet", 17));
    }
}
