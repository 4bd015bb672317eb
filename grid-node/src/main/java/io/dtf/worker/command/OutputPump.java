package io.dtf.worker.command;

import java.io.IOException;
import java.io.InputStream;

/**
 * Drains one output stream of a process: every byte into an {@link OutputTail}, and (for stdout)
 * every line of at most {@link MetricLineParser#MAX_LINE_CHARS} bytes into a {@link MetricLineParser}.
 * Nothing else is kept, so a process may write gigabytes. Draining also matters by itself: a process
 * whose pipe is full blocks forever.
 */
final class OutputPump implements Runnable {
    private static final int READ_BYTES = 16 * 1024;

    private final InputStream in;
    private final OutputTail tail;
    private final MetricLineParser parser;
    private final byte[] line = new byte[MetricLineParser.MAX_LINE_CHARS];
    private int lineLength;
    private boolean overlong;

    /** @param parser null when this stream's lines are not read for metrics */
    OutputPump(InputStream in, OutputTail tail, MetricLineParser parser) {
        this.in = in;
        this.tail = tail;
        this.parser = parser;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_BYTES];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                tail.write(buffer, 0, n);
                if (parser != null) {
                    splitLines(buffer, n);
                }
            }
        } catch (IOException e) {
            // The stream was closed under us: what was read is kept.
        }
        if (parser != null && lineLength > 0) {
            endLine(); // the last line may lack its newline
        }
    }

    private void splitLines(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                endLine();
            } else if (lineLength < line.length) {
                line[lineLength++] = b;
            } else {
                overlong = true; // too long for a metric line: skip to the next newline
            }
        }
    }

    private void endLine() {
        if (!overlong) {
            int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            parser.accept(line, end);
        }
        lineLength = 0;
        overlong = false;
    }
}
