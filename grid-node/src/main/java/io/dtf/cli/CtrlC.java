package io.dtf.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) for a command that must finish something before it exits, as {@code dtf run}
 * cancels its run. The first press runs an action on a thread of its own; the second exits at
 * once. Without this, SIGINT starts the JVM's shutdown, which stops the embedded node under a run
 * that then waits for nothing. {@code sun.misc.Signal} is the JDK's only way to take SIGINT over
 * (module jdk.unsupported, present in every JDK since 9).
 *
 * <pre>{@code
 * try (CtrlC ctrlC = CtrlC.onFirstPress(() -> client.cancel(runId))) {
 *     ... wait; ctrlC.pressed() tells whether it happened ...
 * }
 * }</pre>
 */
final class CtrlC implements AutoCloseable {
    /** The shell's convention for a process ended by SIGINT: 128 + 2. */
    static final int EXIT_CODE = 130;
    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;
    private volatile boolean pressed;

    private CtrlC(Runnable first) {
        previous = Signal.handle(INT, signal -> {
            if (pressed) {
                System.err.println("dtf: Ctrl-C again: exiting without waiting");
                System.exit(EXIT_CODE);
            }
            pressed = true;
            Thread action = new Thread(first, "dtf-ctrl-c");
            action.setDaemon(true);
            action.start();
        });
    }

    static CtrlC onFirstPress(Runnable first) {
        return new CtrlC(first);
    }

    boolean pressed() {
        return pressed;
    }

    /** Gives Ctrl-C back its usual meaning. */
    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
