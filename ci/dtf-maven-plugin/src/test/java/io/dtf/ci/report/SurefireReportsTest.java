package io.dtf.ci.report;

import static io.dtf.ci.report.JunitXml.children;
import static io.dtf.ci.report.JunitXml.testCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SurefireReportsTest {
    @TempDir
    Path dir;

    private ReportFiles writeSample() throws Exception {
        return Reports.write(dir, SampleOutcomes.FACTS, SampleOutcomes.all(), ReportLimits.DEFAULT, null);
    }

    @Test
    void writesOneFilePerClassEachValidAgainstSurefiresSchema() throws Exception {
        ReportFiles files = writeSample();

        assertEquals(List.of("TEST-com.example.HostileTest.xml", "TEST-com.example.NetworkTest.xml",
                "TEST-com.example.ParserTest.xml"), files.junitXml().stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files.junitXml()) {
            JunitXml.validate(file);
        }
    }

    @Test
    void schemaRefusesAFileWithoutATestsuiteName() throws Exception {
        Path bad = dir.resolve("TEST-bad.xml");
        Files.writeString(bad, "<testsuite tests=\"0\" errors=\"0\" skipped=\"0\" failures=\"0\"/>");

        assertThrows(org.xml.sax.SAXException.class, () -> JunitXml.validate(bad));
    }

    @Test
    void suiteCountsFollowSurefire() throws Exception {
        writeSample();
        Element parser = JunitXml.parse(dir.resolve("TEST-com.example.ParserTest.xml")).getDocumentElement();
        Element network = JunitXml.parse(dir.resolve("TEST-com.example.NetworkTest.xml")).getDocumentElement();

        assertEquals(List.of("com.example.ParserTest", "7", "1", "1", "1", "0", "0.266"),
                List.of(parser.getAttribute("name"), parser.getAttribute("tests"), parser.getAttribute("failures"),
                        parser.getAttribute("errors"), parser.getAttribute("skipped"), parser.getAttribute("flakes"),
                        parser.getAttribute("time")));
        assertEquals(List.of("3", "1", "1", "1"), List.of(network.getAttribute("tests"),
                network.getAttribute("failures"), network.getAttribute("errors"), network.getAttribute("flakes")));
        assertEquals("2026-12-01T10:00:00Z", parser.getAttribute("timestamp"));
        assertEquals("3.0.2", parser.getAttribute("version"));
    }

    @Test
    void failureAndErrorCarryMessageTypeTraceAndOutput() throws Exception {
        writeSample();
        Document doc = JunitXml.parse(dir.resolve("TEST-com.example.ParserTest.xml"));

        Element failed = testCase(doc, "parsesCsv");
        Element failure = children(failed, "failure").get(0);
        assertEquals("expected: <3> but was: <2>", failure.getAttribute("message"));
        assertEquals("org.opentest4j.AssertionFailedError", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("at com.example.ParserTest.parsesCsv("));
        assertEquals("reading a.csv\n", children(failed, "system-out").get(0).getTextContent());
        assertEquals("warning on stderr", children(failed, "system-err").get(0).getTextContent());
        assertEquals("com.example.ParserTest", failed.getAttribute("classname"));
        assertEquals("0.120", failed.getAttribute("time"));

        Element error = children(testCase(doc, "readsFile"), "error").get(0);
        assertEquals("java.io.IOException", error.getAttribute("type"));
        assertEquals("Disabled on Linux", children(testCase(doc, "onWindows"), "skipped").get(0).getAttribute("message"));
        assertEquals("parsed 0 rows\n", children(testCase(doc, "parsesEmpty"), "system-out").get(0).getTextContent());
    }

    @Test
    void flakyTestHasEachFailedAttemptAsFlakyFailure() throws Exception {
        writeSample();
        Element flaky = testCase(JunitXml.parse(dir.resolve("TEST-com.example.NetworkTest.xml")), "connects");

        assertTrue(children(flaky, "failure").isEmpty());
        Element attempt = children(flaky, "flakyFailure").get(0);
        assertEquals("timed out after 1s", attempt.getAttribute("message"));
        assertTrue(children(attempt, "stackTrace").get(0).getTextContent().startsWith("org.opentest4j"));
        assertEquals("first attempt's output\n", children(attempt, "system-out").get(0).getTextContent());
        assertEquals("second attempt's output\n", children(flaky, "system-out").get(0).getTextContent());
        assertEquals("0.300", flaky.getAttribute("time"));
    }

    @Test
    void testFailingEveryAttemptHasTheEarlierOnesAsRerunElements() throws Exception {
        writeSample();
        Element retries = testCase(JunitXml.parse(dir.resolve("TEST-com.example.NetworkTest.xml")), "retries");

        assertEquals("attempt 3 failed", children(retries, "failure").get(0).getAttribute("message"));
        assertEquals("attempt 1 failed", children(retries, "rerunFailure").get(0).getAttribute("message"));
        Element rerunError = children(retries, "rerunError").get(0);
        assertEquals("attempt 2 refused", rerunError.getAttribute("message"));
        assertEquals("out 2\n", children(rerunError, "system-out").get(0).getTextContent());
        assertEquals("out 3\n", children(retries, "system-out").get(0).getTextContent());
    }

    @Test
    void parameterisedInvocationsAndClassFailuresHaveDistinctNames() throws Exception {
        writeSample();
        Document doc = JunitXml.parse(dir.resolve("TEST-com.example.ParserTest.xml"));

        testCase(doc, "parses[[1] \"a,b\"]");
        testCase(doc, "parses[[2] <script>]");
        testCase(doc, "parses[[2] <script>] (2)");
        Document network = JunitXml.parse(dir.resolve("TEST-com.example.NetworkTest.xml"));
        assertEquals("@BeforeAll failed",
                children(testCase(network, "NetworkTest"), "error").get(0).getAttribute("message"));
    }

    @Test
    void hostileStringsAreEscapedAndReadBackAsText() throws Exception {
        writeSample();
        Path file = dir.resolve("TEST-com.example.HostileTest.xml");
        String raw = Files.readString(file);
        Element hostile = testCase(JunitXml.parse(file),
                "hostile[<script>alert('x')</script> & \"quotes\" ]]> nul:\\u0000 bell:\\u0007 lone:\\uD800 ok:é€😀]");

        String readable = "<script>alert('x')</script> & \"quotes\" ]]> nul:\\u0000 bell:\\u0007 lone:\\uD800 ok:é€😀";
        assertEquals(readable, children(hostile, "failure").get(0).getAttribute("message"));
        assertEquals(readable, children(hostile, "system-out").get(0).getTextContent());
        assertTrue(children(hostile, "failure").get(0).getTextContent().startsWith(readable + "\n\tat "));
        assertFalse(raw.contains("<script>"), "markup from a test never reaches the file raw");
        assertFalse(raw.contains("]]>"));
        assertFalse(raw.contains("\u0000"));
    }

    @Test
    void hugeOutputKeepsItsEndWithANoteOfWhatWasCut() throws Exception {
        writeSample();
        Element chatty = testCase(JunitXml.parse(dir.resolve("TEST-com.example.HostileTest.xml")), "printsALot");
        String out = children(chatty, "system-out").get(0).getTextContent();

        Matcher note = Pattern.compile("^\\[truncated by DTF: (\\d+) bytes]\n").matcher(out);
        assertTrue(note.find(), out.substring(0, 80));
        String kept = out.substring(note.end());
        assertTrue(kept.endsWith(SampleOutcomes.BIG_OUTPUT_END));
        assertTrue(kept.length() <= ReportLimits.DEFAULT.junitTextBytes());
        assertEquals(SampleOutcomes.bigOutput().length(), Long.parseLong(note.group(1)) + kept.length());
    }

    @Test
    void tightLimitsCutTextsButKeepEveryTestAndEveryFileValid() throws Exception {
        List<TestOutcome> outcomes = new ArrayList<>();
        String output = "x".repeat(40_000);
        for (int c = 0; c < 20; c++) {
            for (int m = 0; m < 10; m++) {
                String className = "com.example.Generated" + c + "Test";
                outcomes.add(new TestOutcome(new TestCase(className, "test" + m, null, "u", TestStatus.FAILED, 10,
                        "java.lang.AssertionError", "boom", "java.lang.AssertionError: boom\n" + output,
                        output, output), List.of(), "node-a", "hw"));
            }
        }
        ReportLimits limits = new ReportLimits(300_000, 2_000_000, 64 << 10, 1 << 20);

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, outcomes, limits, null);

        long total = 0;
        int testCases = 0;
        for (Path file : files.junitXml()) {
            JunitXml.validate(file);
            long size = Files.size(file);
            assertTrue(size <= limits.junitFileBytes(), file + " has " + size + " bytes");
            total += size;
            testCases += JunitXml.parse(file).getElementsByTagName("testcase").getLength();
        }
        assertTrue(total <= limits.junitTotalBytes(), "all files have " + total + " bytes");
        assertEquals(200, testCases);
        assertTrue(total > limits.junitTotalBytes() * 8 / 10, "the budget is used, not wasted: " + total);
        assertTrue(files.notes().get(0).startsWith("JUnit XML: 600 stack traces or outputs cut to "), files.notes().toString());
    }

    @Test
    void underTightLimitsTheLongestTextsAreCutAndShortOnesKeptWhole() throws Exception {
        List<TestOutcome> outcomes = new ArrayList<>();
        String longOutput = "z".repeat(60_000);
        for (int m = 0; m < 10; m++) {
            outcomes.add(new TestOutcome(new TestCase("com.example.MixedTest", "chatty" + m, null, "u",
                    TestStatus.PASSED, 1, null, null, null, longOutput, ""), List.of(), "n", "hw"));
        }
        outcomes.add(new TestOutcome(SampleOutcomes.failed("com.example.MixedTest", "brief", TestStatus.FAILED,
                "java.lang.AssertionError", "short", "a short output\n"), List.of(), "n", "hw"));

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, outcomes,
                new ReportLimits(200_000, 200_000, 64 << 10, 1 << 20), null);

        Path file = files.junitXml().get(0);
        JunitXml.validate(file);
        assertTrue(Files.size(file) <= 200_000 && Files.size(file) > 180_000, Files.size(file) + " bytes");
        Element brief = testCase(JunitXml.parse(file), "brief");
        assertEquals("a short output\n", children(brief, "system-out").get(0).getTextContent());
        assertTrue(children(brief, "failure").get(0).getTextContent().endsWith("(com.example.MixedTest.java:42)\n"));
    }

    @Test
    void oneGiantOutputInOneTestStaysFarBelowGitLabsLimits() throws Exception {
        String giant = "y".repeat(12 << 20);
        TestOutcome outcome = new TestOutcome(new TestCase("com.example.GiantTest", "floods", null, "u",
                TestStatus.ERROR, 1, "java.lang.OutOfMemoryError", "heap", giant, giant, ""), List.of(), "n", "hw");

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, List.of(outcome), ReportLimits.DEFAULT, null);

        Path file = files.junitXml().get(0);
        JunitXml.validate(file);
        assertTrue(Files.size(file) < 2 * ReportLimits.DEFAULT.junitTextBytes() + 4096, Files.size(file) + " bytes");
    }

    @Test
    void classNamesUnfitForFileNamesAreMadeSafeAndUnique() throws Exception {
        List<TestOutcome> outcomes = List.of(
                new TestOutcome(SampleOutcomes.test("../../etc/passwd", "m", null, TestStatus.PASSED, 1), List.of(), "n", "h"),
                new TestOutcome(SampleOutcomes.test("a/b", "m", null, TestStatus.PASSED, 1), List.of(), "n", "h"),
                new TestOutcome(SampleOutcomes.test("a_b", "m", null, TestStatus.PASSED, 1), List.of(), "n", "h"));

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, outcomes, ReportLimits.DEFAULT, null);

        assertEquals(3, files.junitXml().size());
        for (Path file : files.junitXml()) {
            assertEquals(dir, file.getParent());
            assertTrue(file.getFileName().toString().matches("TEST-[A-Za-z0-9._$-]+\\.xml"), file.toString());
            JunitXml.validate(file);
        }
        assertEquals(3, files.junitXml().stream().distinct().count());
    }

    @Test
    void junitFilesOfAnEarlierRunAreRemoved() throws Exception {
        Path stale = Files.writeString(dir.resolve("TEST-com.example.GoneTest.xml"), "<testsuite/>",
                StandardCharsets.UTF_8);
        Path other = Files.writeString(dir.resolve("notes.txt"), "kept");

        writeSample();

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other));
        assertEquals(3, JunitXml.files(dir).size());
    }
}
