package io.dtf.requirements;

import io.dtf.hardware.HardwareKeys;
import java.util.Map;
import java.util.Optional;

/** {@code tag cuda}: the node lists the tag in {@code dtf.tags} or {@code dtf.accelerators}. */
public record TagRequirement(String tag) implements Requirement {
    @Override
    public String key() {
        return HardwareKeys.TAGS;
    }

    @Override
    public String expression() {
        return "tag " + tag;
    }

    @Override
    public boolean test(Map<String, ?> attributes) {
        return contains(attributes.get(HardwareKeys.TAGS)) || contains(attributes.get(HardwareKeys.ACCELERATORS));
    }

    @Override
    public Optional<String> unmet(Map<String, ?> attributes) {
        if (test(attributes)) {
            return Optional.empty();
        }
        return Optional.of(expression() + " (node has tags=" + valueOr(attributes.get(HardwareKeys.TAGS))
                + ", accelerators=" + valueOr(attributes.get(HardwareKeys.ACCELERATORS)) + ")");
    }

    private static String valueOr(Object value) {
        return value == null ? "" : value.toString();
    }

    private boolean contains(Object list) {
        return ListValues.of(list).contains(tag.toLowerCase(java.util.Locale.ROOT));
    }
}
