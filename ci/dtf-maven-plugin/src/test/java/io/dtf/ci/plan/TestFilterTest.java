package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestFilterTest {
    private static final String PARSER = "com/example/ParserTest.class";
    private static final String LEXER = "com/example/LexerTest.class";
    private static final String SLOW = "com/example/SlowParserTest.class";
    private static final String IT = "com/example/ParserIT.class";

    private static TestPatterns filter(String spec) {
        return TestFilter.parse(spec).over(TestPatterns.defaults());
    }

    @Test
    void aSimpleNamePatternMatchesTheClassInAnyPackage() {
        TestPatterns p = filter("Parser*");
        assertTrue(p.includesClass(PARSER));
        assertTrue(p.includesClass(IT), "-Dtest replaces the includes, as in Surefire");
        assertFalse(p.includesClass(LEXER));
        assertFalse(p.includesClass(SLOW));
        assertTrue(p.wholeClass(PARSER));
    }

    @Test
    void aFullNameACommaListAndAnExclusion() {
        TestPatterns p = filter("com.example.ParserTest, *Test,!Slow*");
        assertTrue(p.includesClass(PARSER));
        assertTrue(p.includesClass(LEXER));
        assertFalse(p.includesClass(SLOW));
        assertFalse(filter("other.ParserTest").includesClass(PARSER));
    }

    @Test
    void anExclusionAloneNarrowsTheConfiguredIncludes() {
        TestPatterns p = filter("!Lexer*");
        assertTrue(p.includesClass(PARSER));
        assertFalse(p.includesClass(LEXER));
        assertFalse(p.includesClass(IT), "the default includes still hold");
        assertFalse(p.includesClass("com/example/ParserTest$Inner.class"), "so do the default excludes");
    }

    @Test
    void methodPatternsNarrowTheClassToThoseMethods() {
        TestPatterns p = filter("ParserTest#parses*+rejects");
        assertTrue(p.includesClass(PARSER));
        assertFalse(p.wholeClass(PARSER));
        assertTrue(p.methods(PARSER).test("parsesNumbers"));
        assertTrue(p.methods(PARSER).test("rejects"));
        assertFalse(p.methods(PARSER).test("rejectsAll"));

        TestPatterns except = filter("!ParserTest#slow*");
        assertTrue(except.includesClass(PARSER), "excluding methods keeps the class");
        assertFalse(except.wholeClass(PARSER));
        assertFalse(except.methods(PARSER).test("slowOne"));
        assertTrue(except.methods(PARSER).test("fast"));
        assertTrue(except.wholeClass(LEXER));
    }

    @Test
    void regularExpressionsMatchTheClassFilePath() {
        TestPatterns p = filter("%regex[.*/(Parser|Lexer)Test.*]");
        assertTrue(p.includesClass(PARSER));
        assertTrue(p.includesClass(LEXER));
        assertFalse(p.includesClass(SLOW));
        TestPatterns methods = filter("%regex[.*ParserTest.*#parse.*]");
        assertFalse(methods.wholeClass(PARSER));
        assertTrue(methods.methods(PARSER).test("parseAll"));
        assertFalse(methods.methods(PARSER).test("reject"));
    }

    @Test
    void configuredIncludesUseTheSameSyntax() {
        TestPatterns p = TestPatterns.of(List.of("**/*IT.java", "Lexer*"), List.of());
        assertTrue(p.includesClass(IT));
        assertTrue(p.includesClass(LEXER));
        assertFalse(p.includesClass(PARSER));
        assertTrue(TestPatterns.defaults().includesClass("TestInDefaultPackage.class"));
        assertTrue(TestPatterns.defaults().includesClass("a/b/ParserTestCase.class"));
        assertFalse(TestPatterns.defaults().includesClass("a/b/ParserTestCase$1.class"));
        assertFalse(TestPatterns.of(List.of("**/*Test*"), List.of()).includesClass("a/BTest$Inner.class"),
                "no excludes configured means Surefire's default excludes, as in Surefire");
    }

    @Test
    void noFilterKeepsTheConfiguredPatterns() {
        TestPatterns configured = TestPatterns.defaults();
        assertTrue(TestFilter.parse(null).isEmpty());
        assertEquals(configured, TestFilter.parse(" ").over(configured));
    }

    @Test
    void anUnreadableItemIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestFilter.parse("A#b#c"));
        assertEquals("-Dtest=A#b#c: test pattern 'A#b#c' has more than one '#'; write CLASS#METHOD", e.getMessage());
        IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> TestFilter.parse("%regex[(]"));
        assertTrue(regex.getMessage().startsWith("-Dtest=%regex[(]: test pattern '%regex[(]' is not a valid regular expression"),
                regex.getMessage());
    }
}
