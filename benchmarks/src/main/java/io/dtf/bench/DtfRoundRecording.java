package io.dtf.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * What the DTF part of a throughput round costs and where, without start-up, warm-up or the raw
 * rounds. With {@code -Djfr=PREFIX}: each round's Flight Recorder recording (the JDK's "profile"
 * settings, execution samples every 10 ms) goes to {@code PREFIX-<round>.jfr}. With
 * {@code -DthreadCpu=true}: the CPU time each thread group spent in the round, per task, and the
 * same for the raw round before it ({@link #rawRound}): the CPU a raw call costs in this JVM is
 * the budget a DTF task must keep within to run at a given share of raw compute's rate.
 */
final class DtfRoundRecording {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DtfRoundRecording() {
    }

    static <T> T around(int round, int tasks, Callable<T> dtfRound) throws Exception {
        String prefix = System.getProperty("jfr");
        if (prefix == null || prefix.isBlank()) {
            return withCpu("dtf", round, tasks, dtfRound);
        }
        return withCpu("dtf", round, tasks, () -> {
            try (Recording recording = new Recording(profile())) {
                recording.setName("dtf-round-" + round);
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                T out = dtfRound.call();
                recording.stop();
                recording.dump(Path.of(prefix + "-" + round + ".jfr"));
                return out;
            }
        });
    }

    /** A raw round, with its CPU per call printed under {@code -DthreadCpu=true}. */
    static <T> T rawRound(int round, int calls, Callable<T> rawRound) throws Exception {
        return withCpu("raw", round, calls, rawRound);
    }

    private static <T> T withCpu(String path, int round, int tasks, Callable<T> body) throws Exception {
        if (!Boolean.getBoolean("threadCpu")) {
            return body.call();
        }
        Map<Long, Long> cpuBefore = cpuByThread();
        T out = body.call();
        printCpu(path, round, tasks, cpuBefore);
        return out;
    }

    private static Map<Long, Long> cpuByThread() {
        Map<Long, Long> out = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            out.put(id, THREADS.getThreadCpuTime(id));
        }
        return out;
    }

    /** CPU µs per task of each thread group (names without their numbers), largest first. */
    private static void printCpu(String path, int round, int tasks, Map<Long, Long> before) {
        Map<String, Long> byGroup = new TreeMap<>();
        long total = 0;
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            long spent = now - before.getOrDefault(info.getThreadId(), 0L);
            if (now < 0 || spent <= 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("#\\d+", "#").replaceAll("-\\d+", "-N");
            byGroup.merge(group, spent, Long::sum);
            total += spent;
        }
        long all = total;
        System.out.printf(Locale.ROOT, "thread CPU in %s round %d: %.0f µs per task in all%n", path, round,
                all / 1e3 / tasks);
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.1f µs/task %5.1f%%  %s%n", e.getValue() / 1e3 / tasks,
                        100.0 * e.getValue() / all, e.getKey()));
    }

    private static Configuration profile() throws IOException {
        try {
            return Configuration.getConfiguration("profile");
        } catch (ParseException e) {
            throw new IOException("the JDK's Flight Recorder \"profile\" settings cannot be read", e);
        }
    }
}
