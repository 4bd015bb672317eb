package io.dtf.node.memory;

import io.dtf.requirements.Quantity;
import io.dtf.suite.DurationText;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How much memory a node's caches may take and how long finished data stays in them: the one place
 * that declares these settings' keys, defaults and meaning (config/README.md explains them to users).
 * They are JVM system properties, so they reach {@code dtf run}, {@code dtf node} and an embedding
 * program alike: {@code DTF_JAVA_OPTS="-Ddtf.results.retention=5m" ./dtf run suite.yaml}.
 *
 * @param dataRegionMaxBytes the data region's size set by {@value #DATA_REGION_MAX}; null when not set
 * @param resultRetention    how long a result stays in the cache after it reached DuckDB; null keeps
 *                           results forever ({@code off})
 * @param runRetention       how long an ended run's record, tasks and specs stay in the caches and in
 *                           the coordinator's memory
 */
public record MemorySettings(Long dataRegionMaxBytes, Duration resultRetention, Duration runRetention) {
    /** Bytes with an optional unit ({@code 2GiB}, {@code 512MiB}); replaces every config's value. */
    public static final String DATA_REGION_MAX = "dtf.dataRegion.maxSize";
    /** A duration ({@code 30s}, {@code 10m}, {@code 0s}) or {@code off}. */
    public static final String RESULT_RETENTION = "dtf.results.retention";
    /** A duration ({@code 10m}, {@code 1h}). */
    public static final String RUN_RETENTION = "dtf.runs.retention";

    /**
     * Long enough for any client following a run (it polls every 100 ms) to have read each result;
     * short enough that results in the cache stay a small multiple of what the grid makes per minute.
     */
    public static final Duration DEFAULT_RESULT_RETENTION = Duration.ofMinutes(1);
    /**
     * Ended runs stay listed by {@code dtf status} for this long (their results stay in DuckDB for
     * good); each remembered task costs about a kilobyte of heap and of cache.
     */
    public static final Duration DEFAULT_RUN_RETENTION = Duration.ofMinutes(10);
    /** Without {@value #DATA_REGION_MAX} or a size in the XML: this share of the machine's memory... */
    static final double REGION_SHARE = 0.20;
    /** ...but no less than this, */
    static final long REGION_FLOOR = 256L << 20;
    /** ...and no more than this. */
    static final long REGION_CAP = 16L << 30;

    /** The settings as this JVM's system properties give them. */
    public static MemorySettings fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The settings from {@code property} (a key's value, or null); bad values are refused naming the key. */
    static MemorySettings parse(UnaryOperator<String> property) {
        return new MemorySettings(bytes(property.apply(DATA_REGION_MAX)),
                retention(property.apply(RESULT_RETENTION), RESULT_RETENTION, DEFAULT_RESULT_RETENTION, true),
                retention(property.apply(RUN_RETENTION), RUN_RETENTION, DEFAULT_RUN_RETENTION, false));
    }

    /** The default data region for a machine with {@code physicalBytes} of memory. */
    static long defaultRegionBytes(long physicalBytes) {
        return Math.min(REGION_CAP, Math.max(REGION_FLOOR, (long) (physicalBytes * REGION_SHARE)));
    }

    /** This machine's physical memory, or 0 when the JVM cannot tell. */
    public static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static Long bytes(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal value = Quantity.parse(text).orElseThrow(() -> new IllegalArgumentException(
                DATA_REGION_MAX + ": '" + text + "' is not a size; write e.g. 2GiB or 512MiB"));
        if (value.compareTo(BigDecimal.valueOf(REGION_FLOOR / 2)) < 0) {
            throw new IllegalArgumentException(DATA_REGION_MAX + ": " + text + " is too small for DTF's caches;"
                    + " give at least " + Quantity.bytes(REGION_FLOOR / 2));
        }
        return value.longValue();
    }

    private static Duration retention(String text, String key, Duration fallback, boolean mayBeOff) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (mayBeOff && text.strip().toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        Duration d = DurationText.parse(text).filter(v -> !v.isNegative()).orElseThrow(() ->
                new IllegalArgumentException(key + ": '" + text + "' is not a duration; " + DurationText.EXAMPLES
                        + (mayBeOff ? ", or off" : "")));
        return d;
    }
}
