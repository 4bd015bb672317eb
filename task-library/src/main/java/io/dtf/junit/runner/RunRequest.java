package io.dtf.junit.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runner runs, read from a file the worker writes: one item a line, a keyword, a blank and
 * the value (values never hold a line break; the worker refuses those).
 *
 * <pre>
 * records /attempt/.dtf/tests.jsonl
 * select class:com.example.ParserTest
 * select method:com.example.LexerTest#emptyInput
 * include fast &amp; !slow
 * exclude flaky
 * </pre>
 * A file rather than arguments: a task may select thousands of classes.
 */
record RunRequest(Path recordsFile, List<String> selectors, List<String> includeTags, List<String> excludeTags) {

    static RunRequest read(Path file) throws IOException {
        Path records = null;
        List<String> selectors = new ArrayList<>();
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int blank = line.indexOf(' ');
            String key = blank < 0 ? line : line.substring(0, blank);
            String value = blank < 0 ? "" : line.substring(blank + 1);
            switch (key) {
                case "records" -> records = Path.of(value);
                case "select" -> selectors.add(value);
                case "include" -> include.add(value);
                case "exclude" -> exclude.add(value);
                default -> throw new IllegalArgumentException("unknown item '" + key + "'");
            }
        }
        if (records == null) {
            throw new IllegalArgumentException("no 'records' file named");
        }
        return new RunRequest(records, selectors, include, exclude);
    }
}
