package io.dtf.suite;

import java.time.Duration;

/**
 * Every bound the loader enforces, in one place. The size bounds protect the process that reads a
 * suite (a CLI, the coordinator) from files that would exhaust its memory or time; the value
 * bounds catch typos (a priority of 50000, a repeat of 10000) before they cost a grid hours.
 */
public final class SuiteLimits {
    /** A suite file larger than this is refused before it is parsed. */
    public static final long MAX_FILE_BYTES = 4L << 20;
    /**
     * A submission as the coordinator receives it (the JSON of the expanded tasks) longer than this
     * many characters is refused before it is parsed. Expansion makes a suite larger than its file,
     * so this is well above {@link #MAX_FILE_BYTES}; a client checks it before sending.
     */
    public static final int MAX_SUBMISSION_CHARS = 64 << 20;
    /** Names of suites, entries, parameters and benchmarks: letters, digits, '_', '.', '-'. */
    public static final int MAX_NAME_LENGTH = 200;
    /** A task id: the entry's name with its parameter values ({@code sha256[size=1MiB]#2}). */
    public static final int MAX_TASK_ID_LENGTH = 1_000;
    /** Tasks one entry may expand to (matrix combinations times repeat). */
    public static final int MAX_TASKS_PER_ENTRY = 10_000;
    /** Tasks a whole suite may expand to. */
    public static final int MAX_TASKS = 100_000;
    /** Values that YAML aliases may add to a document by referring back to anchors. */
    public static final int MAX_ALIAS_VALUES = 100_000;
    /** Nesting of mappings and lists; the format itself needs four. */
    public static final int MAX_DEPTH = 32;

    public static final int MAX_RETRIES = 100;
    public static final int MIN_PRIORITY = -1_000;
    public static final int MAX_PRIORITY = 1_000;
    public static final int MAX_REPEAT = 1_000;
    public static final int MAX_WARMUP = 10_000;
    public static final int MAX_ITERATIONS = 100_000;
    /** A benchmark's warm-up cap: longer is more likely a typo than a plan (JMH's default warm-up is 50 s). */
    public static final Duration MAX_WARMUP_TIME = Duration.ofHours(1);
    /** The least time of one benchmark iteration. */
    public static final Duration MAX_ITERATION_TIME = Duration.ofMinutes(10);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    /** Infrastructure retries (after a node died, ran out of memory, crashed): counted apart from {@link #MAX_RETRIES}. */
    public static final int MAX_INFRA_RETRIES = 100;
    /** Retry delays are whole milliseconds; anything shorter would be no delay at all. */
    public static final Duration MIN_BACKOFF = Duration.ofMillis(1);
    /** A longer delay is more likely a typo than a plan: a waiting retry also waits for a matching node. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private SuiteLimits() {
    }
}
