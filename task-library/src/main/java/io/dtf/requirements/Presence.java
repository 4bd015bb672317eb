package io.dtf.requirements;

import java.util.Map;

/** {@code has key}: the node publishes the attribute with a non-empty value. */
public record Presence(String key) implements Requirement {
    @Override
    public String expression() {
        return "has " + key;
    }

    @Override
    public boolean test(Map<String, ?> attributes) {
        Object actual = attributes.get(key);
        return actual != null && !actual.toString().isBlank();
    }
}
