package io.dtf.requirements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The elements of a comma-separated list attribute, lower-cased. */
final class ListValues {
    private ListValues() {
    }

    static Set<String> of(Object attribute) {
        if (attribute == null) {
            return Set.of();
        }
        return Arrays.stream(attribute.toString().split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
