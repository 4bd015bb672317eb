package io.dtf.junit.runner;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The sizes a record keeps: a test may fail with a megabyte of message or a ten-thousand-frame stack. */
final class Bounded {
    static final int MESSAGE_CHARS = 4 * 1024;
    static final int STACK_CHARS = 16 * 1024;
    /** Bytes of each of stdout and stderr kept per test: the end, where the failure usually is. */
    static final int OUTPUT_BYTES = 8 * 1024;

    private Bounded() {
    }

    /** {@code text} cut to {@code max} characters, with a note of what was left out; null stays null. */
    static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... [" + (text.length() - max) + " more characters]";
    }

    static String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        try (PrintWriter writer = new PrintWriter(trace)) {
            t.printStackTrace(writer);
        } catch (RuntimeException e) {
            return t.getClass().getName() + " (its stack trace could not be printed: " + e + ")";
        }
        return text(trace.toString(), STACK_CHARS);
    }
}
