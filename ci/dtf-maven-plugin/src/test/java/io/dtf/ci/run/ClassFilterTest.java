package io.dtf.ci.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.ci.surefire.SurefireSettings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassFilterTest {
    private static final SurefireSettings DEFAULTS = SurefireSettings.defaults();

    @Test
    void surefiresDefaultIncludesAndExcludesPickTestClasses() {
        ClassFilter f = ClassFilter.of(DEFAULTS, null);
        assertTrue(f.accepts("com/example/ParserTest.class"));
        assertTrue(f.accepts("com/example/TestParser.class"));
        assertTrue(f.accepts("ParserTests.class"));
        assertTrue(f.accepts("com/example/ParserTestCase.class"));
        assertFalse(f.accepts("com/example/Parser.class"));
        assertFalse(f.accepts("com/example/ParserTest$Nested.class"));
        assertFalse(f.specified());
    }

    @Test
    void theProjectsOwnPatternsReplaceTheDefaults() {
        SurefireSettings s = new SurefireSettings(List.of("**/*Spec.java", "%regex[.*/Check.*\\.class]"),
                List.of("**/slow/**"), null, null, null, null, null);
        ClassFilter f = ClassFilter.of(s, "");
        assertTrue(f.accepts("com/example/ParserSpec.class"));
        assertTrue(f.accepts("com/example/CheckAll.class"));
        assertFalse(f.accepts("com/example/ParserTest.class"));
        assertFalse(f.accepts("com/example/slow/BigSpec.class"));
    }

    @Test
    void dashDTestTakesSimpleNamesWildcardsAndClassNamesAndExclusions() {
        ClassFilter f = ClassFilter.of(DEFAULTS, "ParserTest, Lex*, com.example.io.ReaderCheck, !LexSlow*");
        assertTrue(f.specified());
        assertTrue(f.accepts("com/example/ParserTest.class"));
        assertTrue(f.accepts("com/other/LexerTest.class"));
        assertTrue(f.accepts("com/example/io/ReaderCheck.class"));
        assertFalse(f.accepts("com/example/LexSlowTest.class"));
        assertFalse(f.accepts("com/example/WriterTest.class"));
    }

    @Test
    void dashDTestNamesMethods() {
        ClassFilter f = ClassFilter.of(DEFAULTS, "ParserTest#parsesEmpty+parsesOne,LexerTest");
        assertTrue(f.accepts("a/ParserTest.class"));
        assertEquals(Set.of("parsesEmpty", "parsesOne"), f.methods("a.ParserTest"));
        assertEquals(Set.of(), f.methods("a.LexerTest"));
    }

    @Test
    void onlyExclusionsInDashDTestMeanEveryTestButThose() {
        ClassFilter f = ClassFilter.of(DEFAULTS, "!SlowTest");
        assertTrue(f.accepts("a/ParserTest.class"));
        assertFalse(f.accepts("a/SlowTest.class"));
        assertFalse(f.accepts("a/ParserTest$1.class"));
    }

    @Test
    void methodWildcardsAreRefusedNamingTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassFilter.of(DEFAULTS, "ParserTest#parses*"));
        assertTrue(e.getMessage().startsWith("test: method pattern 'parses*' in 'ParserTest#parses*' is not supported"),
                e.getMessage());
    }
}
