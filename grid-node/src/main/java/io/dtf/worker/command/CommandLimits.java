package io.dtf.worker.command;

import io.dtf.requirements.Quantity;
import io.dtf.suite.DurationText;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Operating-system limits on every process of a command attempt, set by the kernel's resource
 * limits (setrlimit) before the program starts. Linux only: the worker starts the program through
 * util-linux's {@code prlimit}, which sets the limits on itself and then becomes the program.
 *
 * <pre>{@code
 * CommandLimits limits = CommandLimits.parse("processes=512,files=1024,file-size=1GiB,cpu=10m");
 * List<String> argv = limits.wrap(Path.of("/usr/bin/prlimit"), List.of("/usr/bin/make", "test"));
 * // [/usr/bin/prlimit, --nproc=512, --nofile=1024, --fsize=1073741824, --cpu=600:602, --, /usr/bin/make, test]
 * }</pre>
 *
 * @param processes processes and threads the worker's OS user may have (RLIMIT_NPROC: counted per user, the
 *                  worker's own JVM threads included); null: unlimited
 * @param openFiles open file descriptors per process (RLIMIT_NOFILE)
 * @param fileBytes the largest file a process may write (RLIMIT_FSIZE; beyond it SIGXFSZ, or, for a process
 *                  that ignores it, a write failing with "File too large")
 * @param cpu       CPU time per process (RLIMIT_CPU; beyond it SIGXCPU, 2 s later SIGKILL), whole seconds
 */
public record CommandLimits(Long processes, Long openFiles, Long fileBytes, Duration cpu) {
    /** No limits: the program starts directly. */
    public static final CommandLimits NONE = new CommandLimits(null, null, null, null);
    /** How the limits are written: {@code processes=512,files=1024,file-size=1GiB,cpu=10m}. */
    public static final String SYNTAX = "processes=N,files=N,file-size=SIZE,cpu=DURATION (any of them)";

    private static final String PRLIMIT = "prlimit";
    private static final long CPU_GRACE_SECONDS = 2;

    /**
     * Reads {@code processes=N,files=N,file-size=SIZE,cpu=DURATION}; blank means none.
     *
     * @throws IllegalArgumentException naming the limit and the fix
     */
    public static CommandLimits parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            String[] kv = item.split("=", 2);
            String key = kv[0].strip().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("'" + item.strip() + "' is not a limit; write " + SYNTAX);
            }
            if (!List.of("processes", "files", "file-size", "cpu").contains(key)) {
                throw new IllegalArgumentException("unknown limit '" + kv[0].strip() + "'; the limits are " + SYNTAX);
            }
            if (given.put(key, kv[1].strip()) != null) {
                throw new IllegalArgumentException("limit '" + key + "' is given twice");
            }
        }
        Duration cpu = null;
        if (given.containsKey("cpu")) {
            cpu = DurationText.parse(given.get("cpu")).filter(d -> d.toSeconds() >= 1).orElseThrow(() ->
                    new IllegalArgumentException("cpu=" + given.get("cpu") + " is not a duration of at least 1 s; "
                            + DurationText.EXAMPLES));
        }
        return new CommandLimits(count(given, "processes"), count(given, "files"), count(given, "file-size"), cpu);
    }

    private static Long count(Map<String, String> given, String key) {
        String value = given.get(key);
        if (value == null) {
            return null;
        }
        Optional<BigDecimal> n = Quantity.parse(value);
        if (n.isEmpty() || n.get().signum() <= 0 || n.get().stripTrailingZeros().scale() > 0
                || n.get().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(key + "=" + value + " is not a positive whole number"
                    + (key.equals("file-size") ? " of bytes (e.g. 1GiB, 500MB)" : ""));
        }
        return n.get().longValueExact();
    }

    public boolean isEmpty() {
        return processes == null && openFiles == null && fileBytes == null && cpu == null;
    }

    /** The limits in the form {@link #parse} reads; empty when there are none. */
    public String text() {
        List<String> items = new ArrayList<>();
        if (processes != null) {
            items.add("processes=" + processes);
        }
        if (openFiles != null) {
            items.add("files=" + openFiles);
        }
        if (fileBytes != null) {
            items.add("file-size=" + fileBytes);
        }
        if (cpu != null) {
            items.add("cpu=" + cpu.toSeconds() + "s");
        }
        return String.join(",", items);
    }

    /**
     * The {@code prlimit} program that sets the limits, or why there is none here: the limits need
     * Linux and util-linux's {@code prlimit} on {@code searchPath}.
     */
    public static Launcher launcher(String searchPath) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return new Launcher(null, "command limits are enforced on Linux only, and this worker runs "
                    + System.getProperty("os.name") + "; start it without --command-limits");
        }
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                Path candidate = dir.isEmpty() ? null : Path.of(dir, PRLIMIT);
                if (candidate != null && Files.isExecutable(candidate)) {
                    return new Launcher(candidate, null);
                }
            }
        }
        return new Launcher(null, "command limits need the prlimit program (util-linux), not found on the"
                + " worker's PATH; install util-linux, or start the worker without --command-limits");
    }

    /** {@code argv} started through {@code prlimit} with these limits ({@code argv} itself when there are none). */
    public List<String> wrap(Path prlimit, List<String> argv) {
        if (isEmpty()) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(prlimit.toString());
        if (processes != null) {
            wrapped.add("--nproc=" + processes);
        }
        if (openFiles != null) {
            wrapped.add("--nofile=" + openFiles);
        }
        if (fileBytes != null) {
            wrapped.add("--fsize=" + fileBytes);
        }
        if (cpu != null) {
            // The soft limit sends SIGXCPU, which ends the process; the hard one, later, SIGKILL for one that ignores it.
            wrapped.add("--cpu=" + cpu.toSeconds() + ":" + (cpu.toSeconds() + CPU_GRACE_SECONDS));
        }
        wrapped.add("--");
        wrapped.addAll(argv);
        return wrapped;
    }

    /** The program that applies the limits, or the reason this machine cannot. */
    public record Launcher(Path program, String unavailable) {
    }
}
