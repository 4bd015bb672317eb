package io.dtf.worker.jvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test JVM's records file says (the format is {@code io.dtf.junit.runner.RecordWriter}'s):
 * the test cases that ended, the tests still running when it stopped, selectors naming nothing on
 * the class path, and how the run ended. Bounded: at most {@link #MAX_TESTS} test cases, each text
 * field cut, and at most {@link #TEXT_BUDGET} characters of stack traces and output in all, so
 * whatever the JVM wrote, the worker's memory and the result stay small.
 */
final class TestRecords {
    static final int MAX_TESTS = 20_000;
    static final long TEXT_BUDGET = 32L * 1024 * 1024;
    static final int MAX_LINE_BYTES = 1024 * 1024;
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    private static final int MAX_MESSAGE = 4 * 1024;
    private static final int MAX_STACK = 16 * 1024;
    private static final int MAX_OUTPUT = 8 * 1024;
    private static final int MAX_NAME = 1024;
    private static final int MAX_MISSING = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A selector that named a class or method the class path does not hold. */
    record Missing(String selector, String className, String method, String type, String message) {
    }

    /** A test or container that started and did not finish. */
    record Running(String id, boolean test, String className, String method, String displayName) {
        String label() {
            return method == null ? className : className + "#" + method;
        }
    }

    final List<TestCase> tests = new ArrayList<>();
    final List<Missing> missing = new ArrayList<>();
    private final Map<String, Running> open = new LinkedHashMap<>();
    boolean ended;
    boolean exited;
    String fatal;
    String abortedType;
    String abortedMessage;
    int ignored;
    int dropped;
    private long textLeft = TEXT_BUDGET;

    static TestRecords read(Path file) throws IOException {
        TestRecords records = new TestRecords();
        BoundedLines lines = new BoundedLines(MAX_LINE_BYTES, MAX_FILE_BYTES);
        lines.read(file, records::accept);
        records.ignored += lines.overlongLines() + (lines.truncated() ? 1 : 0);
        return records;
    }

    /** The tests still running when the JVM stopped; else the innermost container that was (a {@code @BeforeAll}). */
    List<Running> running() {
        List<Running> tests = open.values().stream().filter(Running::test).toList();
        if (!tests.isEmpty() || open.isEmpty()) {
            return tests;
        }
        List<Running> containers = new ArrayList<>(open.values());
        return List.of(containers.get(containers.size() - 1));
    }

    /** Adds a test case the worker makes up (a test that was running when the JVM died). */
    void add(TestCase test) {
        if (tests.size() < MAX_TESTS) {
            tests.add(test);
        } else {
            dropped++;
        }
    }

    /** Lines and test cases left out, for a note; empty when none were. */
    String leftOut() {
        List<String> parts = new ArrayList<>();
        if (ignored > 0) {
            parts.add(ignored + " malformed or overlong test record lines ignored");
        }
        if (dropped > 0) {
            parts.add(dropped + " test cases beyond the limit of " + MAX_TESTS + " per attempt not kept");
        }
        if (textLeft <= 0) {
            parts.add("stack traces and output of later tests dropped: over " + (TEXT_BUDGET >> 20)
                    + " MiB per attempt");
        }
        return String.join("; ", parts);
    }

    private void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (IOException e) {
            ignored++;
            return;
        }
        if (record == null || !record.isObject()) {
            ignored++;
            return;
        }
        String event = text(record, "event", 32);
        switch (event == null ? "" : event) {
            case "started" -> started(record);
            case "finished" -> finished(record);
            case "missing" -> {
                if (missing.size() < MAX_MISSING) {
                    missing.add(new Missing(text(record, "selector", MAX_NAME), text(record, "class", MAX_NAME),
                            text(record, "method", MAX_NAME), text(record, "type", MAX_NAME),
                            text(record, "message", MAX_MESSAGE)));
                }
            }
            case "fatal" -> fatal = text(record, "message", MAX_MESSAGE);
            case "aborted" -> {
                abortedType = text(record, "type", MAX_NAME);
                abortedMessage = text(record, "message", MAX_MESSAGE);
            }
            case "exit" -> exited = true;
            case "end" -> ended = true;
            default -> ignored++;
        }
    }

    private void started(JsonNode record) {
        String id = text(record, "id", MAX_NAME * 4);
        if (id == null || open.size() >= MAX_TESTS) {
            ignored++;
            return;
        }
        open.put(id, new Running(id, record.path("test").asBoolean(false), className(record),
                text(record, "method", MAX_NAME), text(record, "name", MAX_NAME)));
    }

    private void finished(JsonNode record) {
        String id = text(record, "id", MAX_NAME * 4);
        if (id != null) {
            open.remove(id);
        }
        TestStatus status;
        try {
            status = TestStatus.valueOf(text(record, "status", 16));
        } catch (IllegalArgumentException | NullPointerException e) {
            ignored++;
            return;
        }
        boolean test = record.path("test").asBoolean(false);
        if (!test && status == TestStatus.PASSED) {
            return; // a class whose tests have their own records
        }
        add(new TestCase(className(record), test ? text(record, "method", MAX_NAME) : null,
                text(record, "name", MAX_NAME), id, status, Math.max(0, record.path("millis").asLong(0)),
                text(record, "type", MAX_NAME), text(record, "message", MAX_MESSAGE),
                budgeted(text(record, "stack", MAX_STACK)), budgeted(text(record, "stdout", MAX_OUTPUT)),
                budgeted(text(record, "stderr", MAX_OUTPUT))));
    }

    /** The test's class; an engine or a test without a class source is named by its display name. */
    private static String className(JsonNode record) {
        String name = text(record, "class", MAX_NAME);
        if (name == null || name.isBlank()) {
            name = text(record, "name", MAX_NAME);
        }
        return name == null || name.isBlank() ? "(unnamed)" : name;
    }

    private String budgeted(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (textLeft <= 0) {
            return null;
        }
        textLeft -= text.length();
        return text;
    }

    private static String text(JsonNode record, String field, int max) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.length() <= max ? text : text.substring(0, max) + "... [" + (text.length() - max)
                + " more characters]";
    }
}
