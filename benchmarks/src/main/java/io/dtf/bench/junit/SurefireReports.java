package io.dtf.bench.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The verdicts in a directory of Surefire-format reports ({@code TEST-*.xml}), as Surefire and DTF's
 * plugin write them: a benchmark counts only runs that ran every test.
 *
 * @param tests  test cases
 * @param failed with a {@code failure} or {@code error}
 * @param flaky  passed after a {@code flakyFailure} or {@code flakyError}
 */
record SurefireReports(int tests, int failed, int flaky) {
    static SurefireReports read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList();
        }
        int tests = 0;
        int failed = 0;
        int flaky = 0;
        try {
            for (Path file : files) {
                NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                        .getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element tc = (Element) cases.item(i);
                    tests++;
                    if (has(tc, "failure") || has(tc, "error")) {
                        failed++;
                    } else if (has(tc, "flakyFailure") || has(tc, "flakyError")) {
                        flaky++;
                    }
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("unreadable report in " + dir + ": " + e.getMessage(), e);
        }
        return new SurefireReports(tests, failed, flaky);
    }

    /** Fails unless every one of {@code expected} tests ran and none failed. */
    SurefireReports requireAllPassed(int expected, String run) {
        if (tests != expected || failed != 0) {
            throw new IllegalStateException(run + ": " + tests + " test cases (expected " + expected + "), " + failed
                    + " failed");
        }
        return this;
    }

    private static boolean has(Element testCase, String child) {
        return testCase.getElementsByTagName(child).getLength() > 0;
    }
}
