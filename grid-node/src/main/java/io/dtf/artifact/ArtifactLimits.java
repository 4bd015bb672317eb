package io.dtf.artifact;

import io.dtf.requirements.Quantity;
import java.math.BigDecimal;
import java.util.function.UnaryOperator;

/**
 * How large artifacts the grid takes: the one place that declares these settings' keys and defaults.
 * JVM system properties of the coordinator nodes ({@code DTF_JAVA_OPTS="-Ddtf.artifacts.maxSize=1GiB"}).
 *
 * @param maxArtifactBytes the largest single artifact
 * @param maxTotalBytes    what all artifacts together may take (each counted once, not per copy);
 *                         null: a quarter of the data nodes' memory for DTF's caches, over its copies
 */
public record ArtifactLimits(long maxArtifactBytes, Long maxTotalBytes) {
    /** Bytes with an optional unit ({@code 512MiB}). */
    public static final String MAX_SIZE = "dtf.artifacts.maxSize";
    /** Bytes with an optional unit ({@code 4GiB}). */
    public static final String MAX_TOTAL = "dtf.artifacts.maxTotal";
    /** Larger than any test jar or class directory we have seen; a fat jar of a large project fits. */
    public static final long DEFAULT_MAX_SIZE = 512L << 20;
    /**
     * Without {@value #MAX_TOTAL}: this share of the room the data nodes' regions give DTF's caches,
     * so that artifacts never crowd out runs and results (a full region stops a data node).
     */
    public static final double DEFAULT_TOTAL_SHARE = 0.25;

    public static ArtifactLimits fromSystemProperties() {
        return parse(System::getProperty);
    }

    static ArtifactLimits parse(UnaryOperator<String> property) {
        Long max = bytes(MAX_SIZE, property.apply(MAX_SIZE));
        return new ArtifactLimits(max == null ? DEFAULT_MAX_SIZE : max, bytes(MAX_TOTAL, property.apply(MAX_TOTAL)));
    }

    private static Long bytes(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal value = Quantity.parse(text).filter(v -> v.signum() > 0).orElseThrow(() ->
                new IllegalArgumentException(key + ": '" + text + "' is not a size; write e.g. 512MiB or 2GiB"));
        return value.longValue();
    }
}
