package io.dtf.suite;

import io.dtf.requirements.Requirement;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads an entry's {@code fallback:} requirements: a second set the scheduler uses only while no
 * live worker meets {@code requires}. The defaults' requires hold on any node, so they are put
 * before a fallback as they are before {@code requires}.
 */
final class FallbackReader {
    static final String FIELD = "fallback";

    private FallbackReader() {
    }

    /** The set a fallback stands for: the defaults' requires, then its own lines; none when it has no lines. */
    static List<Requirement> effective(List<Requirement> defaultRequires, List<Requirement> lines) {
        return lines.isEmpty() ? List.of() : Stream.concat(defaultRequires.stream(), lines.stream()).distinct().toList();
    }

    /**
     * The entry's fallback: its own {@code fallback} when written ({@code fallback: []} for none),
     * else the defaults'. Reports a written fallback that contradicts itself or could never be
     * used; an inherited one that could never be used for this entry is dropped.
     *
     * @param requires         the entry's requirements, the defaults' included
     * @param requiresComplete false when some of {@code requires} did not parse: no comparison then
     * @param reported         contradictions already reported for the defaults, not to repeat
     */
    static List<Requirement> read(MappingReader in, EntryDefaults defaults, List<Requirement> requires,
                                  boolean requiresComplete, List<String> reported) {
        boolean written = in.get(FIELD).isPresent();
        int before = in.errorCount();
        List<Requirement> fallback = effective(defaults.requires(),
                written ? in.requirements(FIELD) : defaults.fallback());
        if (fallback.isEmpty()) {
            return fallback;
        }
        if (!written) {
            return requiresComplete && neverUsed(requires, fallback, defaults) != null ? List.of() : fallback;
        }
        RequirementConflicts.find(fallback).stream().filter(c -> !reported.contains(c)).forEach(c -> in.error(FIELD, c));
        String unused = requiresComplete && in.errorCount() == before ? neverUsed(requires, fallback, defaults) : null;
        if (unused != null) {
            in.error(FIELD, unused);
        }
        return fallback;
    }

    /** Why a node meeting {@code fallback} always meets {@code requires} too, or null when it need not. */
    private static String neverUsed(List<Requirement> requires, List<Requirement> fallback, EntryDefaults defaults) {
        if (requires.isEmpty()) {
            return "this task has no requires, so every worker meets them and a fallback would never be used; "
                    + "put what the task prefers in requires and what it can live with in fallback";
        }
        if (!new HashSet<>(fallback).containsAll(requires)) {
            return null;
        }
        String set = requires.stream().map(RequirementConflicts::shortForm).collect(Collectors.joining(", ", "[", "]"))
                + (defaults.requires().isEmpty() ? "" : " (the defaults' included)");
        String advice = "; a fallback is used only while no live worker meets requires, so it must ask for less, "
                + "e.g. requires: [tag cuda] with fallback: [cores >= 8]";
        return new HashSet<>(requires).containsAll(fallback)
                ? "the same as requires " + set + ", so it would never be used" + advice
                : "asks for all of requires " + set + " and more, so a worker that meets it meets requires too "
                        + "and it would never be used" + advice;
    }
}
