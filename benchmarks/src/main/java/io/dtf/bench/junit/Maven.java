package io.dtf.bench.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs Maven as a user would, in a project's directory, and times it from start to exit. */
final class Maven {
    /** A finished Maven run: wall time and where its output is. */
    record Run(long millis, Path log) {
        double seconds() {
            return millis / 1000.0;
        }
    }

    private Maven() {
    }

    /** Runs {@code mvn -B ARGS} in {@code dir}, its output to {@code log}; fails when Maven fails. */
    static Run run(Path dir, Path log, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-Dstyle.color=never"));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + exit + "; see " + log);
        }
        return new Run(millis, log);
    }
}
