package io.dtf.ci.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes one Surefire-format {@code TEST-<class>.xml} per test class, within {@link ReportLimits}.
 *
 * <p>Every text (stack trace, stdout, stderr) first gets the configured cap. When a file or all of
 * them would still be over their bound, one smaller cap for every text is found from the texts'
 * sizes (the largest that fits both bounds) and the files are written with it: the longest texts
 * are cut first and short ones are kept whole. Tests are never left out.
 */
final class SurefireReports {
    private static final int MAX_FILE_NAME = 200;

    record Written(List<Path> files, List<String> notes) {
    }

    private SurefireReports() {
    }

    static Written write(Path dir, RunFacts facts, List<ReportedTest> tests, ReportLimits limits) throws IOException {
        Map<String, List<ReportedTest>> byClass = new TreeMap<>();
        for (ReportedTest test : tests) {
            byClass.computeIfAbsent(test.className(), c -> new ArrayList<>()).add(test);
        }
        long cap = limits.junitTextBytes();
        List<SurefireSuite.Rendered> rendered = renderAll(byClass, facts, cap);
        List<String> notes = new ArrayList<>();
        if (!fits(rendered, limits, cap)) {
            cap = largestFittingCap(rendered, limits);
            rendered = renderAll(byClass, facts, cap);
            if (!fits(rendered, limits, cap)) {
                notes.add("JUnit XML: the test names and messages alone exceed the size limits (" + limits.junitFileBytes()
                        + " bytes a file, " + limits.junitTotalBytes() + " in all); GitLab may refuse these files");
            }
        }
        int clipped = rendered.stream().mapToInt(SurefireSuite.Rendered::clipped).sum();
        if (clipped > 0) {
            notes.add("JUnit XML: " + clipped + " stack traces or outputs cut to " + cap
                    + " bytes each, to stay within the size limits");
        }
        Map<String, Path> names = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (SurefireSuite.Rendered suite : rendered) {
            Path file = dir.resolve(fileName(suite.className(), names.keySet()));
            names.put(file.getFileName().toString(), file);
            Files.write(file, suite.xml());
            files.add(file);
        }
        return new Written(files, notes);
    }

    private static List<SurefireSuite.Rendered> renderAll(Map<String, List<ReportedTest>> byClass, RunFacts facts,
                                                          long cap) {
        List<SurefireSuite.Rendered> rendered = new ArrayList<>(byClass.size());
        byClass.forEach((className, tests) -> rendered.add(SurefireSuite.render(className, tests, facts, cap)));
        return rendered;
    }

    private static boolean fits(List<SurefireSuite.Rendered> rendered, ReportLimits limits, long cap) {
        long total = 0;
        for (SurefireSuite.Rendered suite : rendered) {
            long bytes = suite.xml().length;
            if (bytes > limits.junitFileBytes()) {
                return false;
            }
            total += bytes;
        }
        return total <= limits.junitTotalBytes();
    }

    /** The largest cap at which every file and their sum fit, by bisection on the texts' sizes; 0 at worst. */
    static long largestFittingCap(List<SurefireSuite.Rendered> rendered, ReportLimits limits) {
        long low = 0;
        long high = limits.junitTextBytes();
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (fitsAt(rendered, limits, mid)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static boolean fitsAt(List<SurefireSuite.Rendered> rendered, ReportLimits limits, long cap) {
        long total = 0;
        for (SurefireSuite.Rendered suite : rendered) {
            long bytes = suite.bytesAt(cap);
            if (bytes > limits.junitFileBytes()) {
                return false;
            }
            total += bytes;
        }
        return total <= limits.junitTotalBytes();
    }

    /**
     * {@code TEST-<class>.xml} as Surefire names it; a class name with characters a file name should
     * not hold, or a very long one, is shortened and made unique with a digest of the whole name.
     */
    static String fileName(String className, Set<String> taken) {
        String safe = className.replaceAll("[^A-Za-z0-9._$-]", "_");
        boolean changed = !safe.equals(className) || safe.length() > MAX_FILE_NAME;
        if (safe.length() > MAX_FILE_NAME) {
            safe = safe.substring(0, MAX_FILE_NAME);
        }
        String name = ReportPaths.JUNIT_PREFIX + safe
                + (changed ? "-" + digest(className) : "") + ReportPaths.JUNIT_SUFFIX;
        if (taken.contains(name)) {
            name = ReportPaths.JUNIT_PREFIX + safe + "-" + digest(className + "\u0000" + taken.size())
                    + ReportPaths.JUNIT_SUFFIX;
        }
        return name;
    }

    private static String digest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
