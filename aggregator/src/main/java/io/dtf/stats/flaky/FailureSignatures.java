package io.dtf.stats.flaky;

import io.dtf.model.FailureCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Failure signatures: the first line of an error message with the parts that differ between
 * occurrences of the same failure (UUIDs, hex ids and addresses, file paths, numbers) replaced by
 * placeholders, so "timeout after 3012 ms on /tmp/x1" and "timeout after 2998 ms on /tmp/y7" group.
 */
public final class FailureSignatures {
    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:\\\\|/)[\\w.\\-]+(?:[/\\\\][\\w.\\-]+)+");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private FailureSignatures() {
    }

    /** The signature of one error message ({@code "<none>"} for a null or blank one). */
    public static String normalise(String message) {
        if (message == null || message.isBlank()) {
            return "<none>";
        }
        String line = message.strip().lines().findFirst().orElse("");
        line = UUID.matcher(line).replaceAll("<uuid>");
        line = PATH.matcher(line).replaceAll("<path>");
        line = HEX.matcher(line).replaceAll("<hex>");
        line = NUMBER.matcher(line).replaceAll("<n>");
        return SPACE.matcher(line).replaceAll(" ").strip();
    }

    /**
     * Signatures of every failed outcome, by category and normalised message, most frequent first
     * (ties by signature, then category). Infrastructure failures are kept, under their own category.
     */
    public static List<FailureSignature> group(List<Outcome> outcomes) {
        Map<String, Map<FailureCategory, List<Outcome>>> bySignature = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (!o.passed()) {
                bySignature.computeIfAbsent(normalise(o.error()), k -> new EnumMap<>(FailureCategory.class))
                        .computeIfAbsent(o.category(), k -> new ArrayList<>()).add(o);
            }
        }
        List<FailureSignature> out = new ArrayList<>();
        bySignature.forEach((signature, byCategory) -> byCategory.forEach((category, list) -> {
            TreeSet<String> tests = new TreeSet<>();
            list.forEach(o -> tests.add(String.valueOf(o.test())));
            out.add(new FailureSignature(signature, category, list.size(), new ArrayList<>(tests)));
        }));
        // A stable sort: equal counts keep the signature-then-category order they were built in.
        out.sort(Comparator.comparingInt(FailureSignature::count).reversed());
        return out;
    }
}
