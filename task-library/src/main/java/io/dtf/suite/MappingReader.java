package io.dtf.suite;

import io.dtf.requirements.Requirement;
import io.dtf.requirements.RequirementSyntaxException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of one mapping of a suite file, reporting each problem against the right
 * task and field and answering a usable fallback, so that reading goes on and finds the rest.
 */
final class MappingReader {
    static final String EXTENSION_PREFIX = "x-";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + SuiteLimits.MAX_NAME_LENGTH + "}");

    private final DocNode.Mapping mapping;
    private final SuiteErrors errors;
    private final String task;
    private final int position;
    private final String prefix;

    /**
     * @param task     the entry's name for error reports, or null outside an entry
     * @param position the entry's 1-based position, or 0
     * @param prefix   put before field names in reports ({@code defaults.}), or empty
     */
    MappingReader(DocNode.Mapping mapping, SuiteErrors errors, String task, int position, String prefix) {
        this.mapping = mapping;
        this.errors = errors;
        this.task = task;
        this.position = position;
        this.prefix = prefix;
    }

    void error(String field, String message) {
        errors.add(task, position, field == null ? null : prefix + field, message);
    }

    /** The field's value; empty when it is absent or written with no value. */
    Optional<DocNode> get(String field) {
        DocNode node = mapping.fields().get(field);
        return node instanceof DocNode.Scalar s && s.kind() == DocNode.Kind.NULL ? Optional.empty() : Optional.ofNullable(node);
    }

    /** How many errors the whole file has so far: compare counts to learn whether a part added any. */
    int errorCount() {
        return errors.count();
    }

    /**
     * The reader of a nested mapping, reporting against the same task with {@code field.} put before
     * its fields; empty when the field is absent, or not a mapping (an error showing {@code example}).
     */
    Optional<MappingReader> nested(String field, String example) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof DocNode.Mapping inner)) {
            error(field, "expected a mapping such as " + example + ", found " + node.get().describe());
            return Optional.empty();
        }
        return Optional.of(new MappingReader(inner, errors, task, position, prefix + field + "."));
    }

    /**
     * Reports every field not in {@code valid}, with the closest valid name when there is one;
     * {@code elsewhere} maps fields that are valid in other places to the reason they are not here.
     * Fields starting with {@code x-} are left alone: they hold YAML anchors and notes.
     */
    void allowOnly(List<String> valid, Map<String, String> elsewhere) {
        for (String field : mapping.fields().keySet()) {
            if (valid.contains(field) || field.startsWith(EXTENSION_PREFIX)) {
                continue;
            }
            String reason = elsewhere.get(field);
            if (reason != null) {
                error(field, reason);
                continue;
            }
            String guess = closest(field, valid).map(g -> " (did you mean '" + g + "'?)").orElse("");
            error(field, "unknown field" + guess + "; valid fields here: " + String.join(", ", valid));
        }
    }

    /** A required text field; null (and an error) when it is missing or not text. */
    String requiredText(String field, String example) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            error(field, "missing required field; write e.g. " + field + ": " + example);
            return null;
        }
        return text(field, node.get());
    }

    /** An optional text field, or null. */
    String optionalText(String field) {
        return get(field).map(node -> text(field, node)).orElse(null);
    }

    /** A name made of letters, digits, '_', '.', '-'; null (and an error) when missing or malformed. */
    String requiredName(String field, String example) {
        String name = requiredText(field, example);
        if (name != null && !NAME.matcher(name).matches()) {
            error(field, "'" + SuiteErrors.echo(name) + "' is not a valid name; use 1 to " + SuiteLimits.MAX_NAME_LENGTH + " letters, digits, '_', '.' or '-' (e.g. "
                    + example + ")");
            return null;
        }
        return name;
    }

    /** A yes-or-no field written {@code true} or {@code false}; {@code fallback} when absent or (with an error) malformed. */
    boolean bool(String field, boolean fallback) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            return fallback;
        }
        // YAML 1.1 also reads yes/no/on/off as booleans: only the two unambiguous words are taken.
        if (node.get() instanceof DocNode.Scalar s && s.kind() == DocNode.Kind.BOOLEAN
                && (s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("false"))) {
            return s.text().equalsIgnoreCase("true");
        }
        error(field, node.get().describe() + " is not true or false; write e.g. " + field + ": true");
        return fallback;
    }

    int integer(String field, int fallback, int min, int max) {
        Integer value = optionalInteger(field, min, max);
        return value == null ? fallback : value;
    }

    /** A whole number from {@code min} to {@code max}; null when absent or (with an error) malformed. */
    Integer optionalInteger(String field, int min, int max) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            return null;
        }
        Optional<BigInteger> value = node.get() instanceof DocNode.Scalar s ? wholeNumber(s) : Optional.empty();
        if (value.isEmpty()) {
            error(field, node.get().describe() + " is not a whole number; write e.g. " + field + ": " + Math.max(min, 1));
            return null;
        }
        if (value.get().compareTo(BigInteger.valueOf(min)) < 0 || value.get().compareTo(BigInteger.valueOf(max)) > 0) {
            error(field, value.get() + " is out of range; " + field + " must be between " + min + " and " + max);
            return null;
        }
        return value.get().intValueExact();
    }

    /** A timeout: more than 0 and at most {@link SuiteLimits#MAX_TIMEOUT}. */
    Duration duration(String field, Duration fallback) {
        return duration(field, fallback, null, SuiteLimits.MAX_TIMEOUT);
    }

    /** A duration from {@code min} (null: anything more than 0) to {@code max}. */
    Duration duration(String field, Duration fallback, Duration min, Duration max) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            return fallback;
        }
        if (!(node.get() instanceof DocNode.Scalar s) || s.kind() == DocNode.Kind.BOOLEAN) {
            error(field, node.get().describe() + " is not a duration; " + DurationText.EXAMPLES);
            return fallback;
        }
        if (s.kind() == DocNode.Kind.INTEGER || s.kind() == DocNode.Kind.DECIMAL) {
            String number = SuiteErrors.echo(s.text());
            error(field, number + " has no unit; write e.g. " + number + "s or " + number + "m");
            return fallback;
        }
        Optional<Duration> value = DurationText.parse(s.text());
        if (value.isEmpty()) {
            error(field, "'" + SuiteErrors.echo(s.text()) + "' is not a duration; " + DurationText.EXAMPLES);
            return fallback;
        }
        boolean tooShort = min == null ? value.get().isNegative() || value.get().isZero() : value.get().compareTo(min) < 0;
        if (tooShort || value.get().compareTo(max) > 0) {
            error(field, "'" + SuiteErrors.echo(s.text()) + "' is out of range; " + field + " must be "
                    + (min == null ? "more than 0" : "at least " + DurationText.format(min))
                    + " and at most " + DurationText.format(max));
            return fallback;
        }
        return value.get();
    }

    /** Requirement lines (a list, or one line as text); the ones that do not parse are reported and left out. */
    List<Requirement> requirements(String field) {
        Optional<DocNode> node = get(field);
        if (node.isEmpty()) {
            return List.of();
        }
        List<DocNode> items = node.get() instanceof DocNode.Sequence s ? s.items() : List.of(node.get());
        List<Requirement> requirements = new ArrayList<>();
        for (DocNode item : items) {
            if (!(item instanceof DocNode.Scalar s) || s.kind() == DocNode.Kind.NULL) {
                error(field, "each requirement is one line of text such as 'memory >= 16GiB', not " + item.describe());
                continue;
            }
            try {
                requirements.add(Requirement.parse(s.text()));
            } catch (RequirementSyntaxException e) {
                error(field, e.getMessage());
            }
        }
        return requirements;
    }

    /** A sequence of scalars as text; null (and an error) when the node is something else. */
    List<String> scalars(String field, DocNode node, String expected) {
        if (!(node instanceof DocNode.Sequence s)) {
            error(field, "expected " + expected + ", found " + node.describe());
            return null;
        }
        List<String> values = new ArrayList<>();
        for (DocNode item : s.items()) {
            if (!(item instanceof DocNode.Scalar scalar) || scalar.kind() == DocNode.Kind.NULL) {
                error(field, "expected " + expected + ", found " + item.describe() + " in the list");
                return null;
            }
            values.add(scalar.text());
        }
        return values;
    }

    private String text(String field, DocNode node) {
        if (node instanceof DocNode.Scalar s && s.kind() != DocNode.Kind.NULL && !s.text().isBlank()) {
            return s.text();
        }
        error(field, "expected text, found " + node.describe());
        return null;
    }

    private static Optional<BigInteger> wholeNumber(DocNode.Scalar s) {
        if (s.kind() != DocNode.Kind.INTEGER && s.kind() != DocNode.Kind.STRING) {
            return Optional.empty();
        }
        String text = s.text().strip();
        return text.matches("[-+]?\\d{1,30}") ? Optional.of(new BigInteger(text)) : Optional.empty();
    }

    /** The valid name nearest to a misspelt one, when it is near enough to be a likely typo. */
    static Optional<String> closest(String name, Collection<String> valid) {
        if (name.length() > 64) {
            return Optional.empty();
        }
        return valid.stream()
                .filter(v -> distance(name.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)) <= Math.max(1, Math.min(2, v.length() / 3)))
                .min(Comparator.comparingInt(v -> distance(name.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT))));
    }

    /** Edit distance counting a swap of neighbours as one edit ("retires" is one edit from "retries"). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
