package io.dtf.junit.runner;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What each test prints: {@code System.out} and {@code System.err} are swapped for streams that still
 * write through to the real ones (so the task's own output keeps everything) and also keep the last
 * {@link Bounded#OUTPUT_BYTES} of what the running test printed. The test is found per thread (threads
 * a test starts inherit it), so tests that run in parallel keep their own output.
 */
final class OutputCapture {
    /** The end of one test's output. */
    static final class Tails {
        final ByteTail out = new ByteTail(Bounded.OUTPUT_BYTES);
        final ByteTail err = new ByteTail(Bounded.OUTPUT_BYTES);
    }

    private final InheritableThreadLocal<Tails> current = new InheritableThreadLocal<>();

    /** Installs the capturing streams for the rest of the JVM's life. */
    void install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, true), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, false), true, StandardCharsets.UTF_8));
    }

    /** Starts keeping what this thread (and threads it starts from now) prints for a new test. */
    Tails begin() {
        Tails tails = new Tails();
        current.set(tails);
        return tails;
    }

    void end() {
        current.remove();
    }

    private final class Tee extends OutputStream {
        private final PrintStream real;
        private final boolean stdout;

        Tee(PrintStream real, boolean stdout) {
            this.real = real;
            this.stdout = stdout;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            real.write(bytes, offset, length);
            Tails tails = current.get();
            if (tails != null) {
                (stdout ? tails.out : tails.err).write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            real.flush();
        }
    }

    /** The last bytes written, in a ring. */
    static final class ByteTail {
        private final byte[] ring;
        private long total;

        ByteTail(int capacity) {
            ring = new byte[capacity];
        }

        synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = Math.max(0, length - ring.length); i < length; i++) {
                ring[(int) ((total + i) % ring.length)] = bytes[offset + i];
            }
            total += length;
        }

        /** The kept bytes as text; when some were dropped, a first line says how many. */
        synchronized String text() {
            int kept = (int) Math.min(total, ring.length);
            byte[] linear = new byte[kept];
            for (int i = 0; i < kept; i++) {
                linear[i] = ring[(int) ((total - kept + i) % ring.length)];
            }
            String text = new String(linear, StandardCharsets.UTF_8);
            return total == kept ? text : "[" + (total - kept) + " earlier bytes not kept]\n" + text;
        }
    }
}
