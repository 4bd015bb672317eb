package io.dtf.worker.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many processes the kernel's out-of-memory killer has killed since boot ({@code oom_kill} in
 * Linux's {@code /proc/vmstat}, counted for cgroup limits too). A command killed by SIGKILL while
 * this count rose was, most likely, killed for memory: it leaves no message of its own.
 */
final class KernelOomKills {
    private static final Path VMSTAT = Path.of("/proc/vmstat");
    private static final String KEY = "oom_kill ";

    private KernelOomKills() {
    }

    /** The count now, or empty where the kernel does not tell (not Linux, or older than 4.13). */
    static OptionalLong count() {
        try (Stream<String> lines = Files.lines(VMSTAT)) {
            return lines.filter(line -> line.startsWith(KEY))
                    .mapToLong(line -> Long.parseLong(line.substring(KEY.length()).strip()))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the count rose from {@code before}; false when either reading is missing. */
    static boolean roseSince(OptionalLong before) {
        OptionalLong now = count();
        return before.isPresent() && now.isPresent() && now.getAsLong() > before.getAsLong();
    }
}
