package io.dtf.requirements;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * A predicate over a node's {@code dtf.*} attributes, written as one line in a suite:
 * <pre>
 *   memory >= 16GiB            numeric comparison, with byte units where the attribute is bytes
 *   os == linux                equality (also !=), case-insensitive for text
 *   gpu.vendor in [nvidia, amd] membership
 *   has gpu.model              presence
 *   tag cuda                   a tag or accelerator the node declares or probed
 * </pre>
 * Serialised as its canonical expression, so a requirement crosses the wire as text.
 */
public sealed interface Requirement permits Comparison, Membership, Presence, TagRequirement {

    /** The attribute key this requirement reads. */
    String key();

    /** Canonical text form; {@link #parse} of it gives an equal requirement. */
    @JsonValue
    String expression();

    /** True when a node with these attributes satisfies this requirement. */
    boolean test(Map<String, ?> attributes);

    /**
     * Why a node does not satisfy this requirement, for people ("dtf.memory.bytes is 8 GiB, needs
     * >= 16 GiB"); empty when it does.
     */
    default Optional<String> unmet(Map<String, ?> attributes) {
        if (test(attributes)) {
            return Optional.empty();
        }
        Object actual = attributes.get(key());
        return Optional.of(expression() + " (node has " + (actual == null ? "no " + key() : key() + "=" + actual) + ")");
    }

    /** Parses one requirement line; throws {@link RequirementSyntaxException} naming what is wrong. */
    @JsonCreator
    static Requirement parse(String text) {
        return RequirementParser.parse(text);
    }
}
