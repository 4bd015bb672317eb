package io.dtf.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An input of a task named by the SHA-256 of its bytes, so that a rerun uses exactly what the first
 * run used and a client uploads only what the grid lacks.
 *
 * @param sha256 64 lower-case hex digits of the bytes stored in the grid
 * @param name   a file name for people and for the worker's copy ({@code junit-jupiter-api-5.11.4.jar},
 *               {@code test-classes.zip}); never a path
 * @param size   the stored bytes
 * @param kind   a single file ({@code FILE}, e.g. a jar) or a directory packed as a zip ({@code TREE},
 *               e.g. {@code target/test-classes}), which the worker unpacks
 */
public record ArtifactRef(String sha256, String name, long size, Kind kind) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-][A-Za-z0-9._+@-]{0,199}");

    public enum Kind { FILE, TREE }

    public ArtifactRef {
        if (sha256 == null || !HEX.matcher(sha256 = sha256.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("artifact sha256 must be 64 hex digits, got " + sha256);
        }
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("artifact name must be a plain file name (letters, digits, . _ + - @;"
                    + " no path), got " + name);
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact size must not be negative, got " + size);
        }
        kind = kind == null ? Kind.FILE : kind;
    }
}
