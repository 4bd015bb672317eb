package io.dtf.artifact;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names a TREE archive may hold, checked by the packer before it writes an entry and by the
 * worker before it unpacks one: relative paths with {@code /} between plain segments, so that no
 * entry can land outside the directory it is unpacked into, on any operating system.
 *
 * <pre>{@code
 * Path file = ArchiveEntryNames.resolve(target, entry.getName()); // throws, naming the entry, for "../x"
 * }</pre>
 */
public final class ArchiveEntryNames {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    /** Longer names are refused: no file system needs them, and they make error messages unreadable. */
    static final int MAX_LENGTH = 1024;

    private ArchiveEntryNames() {
    }

    /**
     * What is wrong with {@code name} as an archive entry, or empty when it is a safe relative path.
     * A name ending in {@code /} (a directory entry) is checked without that last {@code /}.
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty() || name.equals("/")) {
            return Optional.of("the entry has no name");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the name is longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("the name contains a backslash; entries separate folders with '/'");
        }
        if (name.startsWith("/")) {
            return Optional.of("the name is an absolute path");
        }
        if (DRIVE.matcher(name).matches()) {
            return Optional.of("the name starts with a drive letter");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return Optional.of("the name contains a control character");
            }
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of(segment.equals("..") ? "the name climbs out of its folder with '..'"
                        : "the name has an empty or '.' folder in it");
            }
        }
        return Optional.empty();
    }

    /**
     * Where entry {@code name} lands under {@code target}.
     *
     * @throws IllegalArgumentException naming the entry when it is not a safe relative path or would
     *                                  land outside {@code target}
     */
    public static Path resolve(Path target, String name) {
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("archive entry '" + printable(name) + "' refused: " + problem.get());
        }
        Path root = target.toAbsolutePath().normalize();
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("archive entry '" + printable(name) + "' refused: it would land outside "
                    + "the folder it is unpacked into");
        }
        return resolved;
    }

    /** The name as an error may show it: control characters escaped, at most 200 characters. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 200; i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return name.length() > 200 ? out + "..." : out.toString();
    }
}
