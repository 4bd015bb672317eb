package io.dtf.requirements;

import io.dtf.hardware.HardwareKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code key in [a, b]}: the attribute equals one of the values (case-insensitive); on a list
 * attribute such as {@code accelerators}, one of its elements does.
 */
public record Membership(String key, List<String> values) implements Requirement {
    public Membership {
        values = List.copyOf(values);
    }

    @Override
    public String expression() {
        return key + " in [" + values.stream().map(RequirementParser::written).collect(Collectors.joining(", ")) + "]";
    }

    @Override
    public boolean test(Map<String, ?> attributes) {
        Object actual = attributes.get(key);
        if (actual == null) {
            return false;
        }
        if (HardwareKeys.isList(key)) {
            java.util.Set<String> have = ListValues.of(actual);
            return values.stream().anyMatch(v -> have.contains(v.toLowerCase(Locale.ROOT)));
        }
        String have = actual.toString().toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(have));
    }
}
