package io.dtf.worker.artifact;

import io.dtf.requirements.Quantity;
import java.math.BigDecimal;

/**
 * How much disk a worker's artifact cache may take: {@code dtf node --artifact-cache SIZE}, which sets
 * the JVM system property {@value #PROPERTY} (an embedding program sets the property itself).
 */
public final class CacheBound {
    public static final String PROPERTY = "dtf.artifactCache.maxSize";
    /** Room for the class paths of a few projects at once: a typical test class path is 50–300 MiB. */
    public static final long DEFAULT_BYTES = 2L << 30;
    /** Less could not hold one class path; a smaller value is surely a typo (a missing unit). */
    static final long MIN_BYTES = 1L << 20;

    private CacheBound() {
    }

    /** The bound this JVM's system property gives, or the default. */
    public static long fromSystemProperties() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * {@code text} as bytes ({@code 2GiB}, {@code 500MiB}); the default when null or blank.
     *
     * @throws IllegalArgumentException naming the option when it is not a size or too small
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_BYTES;
        }
        BigDecimal value = Quantity.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "--artifact-cache: '" + text + "' is not a size; write e.g. 2GiB or 500MiB"));
        if (value.compareTo(BigDecimal.valueOf(MIN_BYTES)) < 0) {
            throw new IllegalArgumentException("--artifact-cache: " + text + " is too small; give at least "
                    + Quantity.bytes(MIN_BYTES));
        }
        return value.longValue();
    }
}
