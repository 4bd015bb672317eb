package io.dtf.security.ignite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a node token covers what its node offers: every tag it advertises ({@code dtf.tags}) and
 * every attribute it declared rather than detected (its config's {@code dtf.*} entries and
 * {@code dtf node --attr}, listed by the node in {@link #DECLARED_ATTRIBUTE}). A pure decision, so
 * every rule has a plain unit test.
 *
 * <p>The grid cannot see a machine's hardware: a detected value is taken as the node reports it.
 * What the token binds is what a person can claim by configuration alone.
 */
public final class NodeAdmission {
    /**
     * The node attribute that lists, as a sorted comma list of {@code dtf.*} keys, the attributes the
     * node declared rather than detected. Public, like every attribute: it names keys, not secrets.
     */
    public static final String DECLARED_ATTRIBUTE = "dtf.declared";

    private NodeAdmission() {
    }

    /**
     * What {@code token} does not cover of what the node offers, as the sentence the refused node
     * shows; empty when it covers everything.
     *
     * @param offeredTags  the node's {@code dtf.tags} (a comma list, or null)
     * @param declaredKeys the node's {@link #DECLARED_ATTRIBUTE} (a comma list, or null)
     */
    public static Optional<String> uncovered(Principal token, String offeredTags, String declaredKeys) {
        Set<String> tags = split(offeredTags, false);
        Set<String> allowedTags = normalised(token.tags(), false);
        if (!allowedTags.containsAll(tags)) {
            return Optional.of("the node token allows tags " + allowedTags + " but this node offers " + tags);
        }
        Set<String> declared = split(declaredKeys, true);
        Set<String> allowedAttrs = normalised(token.attrs(), true);
        if (!allowedAttrs.containsAll(declared)) {
            Set<String> missing = new TreeSet<>(declared);
            missing.removeAll(allowedAttrs);
            return Optional.of("the node token allows declaring attributes " + allowedAttrs + " but this node declares "
                    + declared + " (" + String.join(", ", missing) + " not allowed: leave them to detection, or ask for"
                    + " a token that lists them)");
        }
        return Optional.empty();
    }

    private static Set<String> split(String commaList, boolean keys) {
        return commaList == null ? new TreeSet<>() : normalised(Arrays.asList(commaList.split(",")), keys);
    }

    private static Set<String> normalised(Collection<String> items, boolean keys) {
        Set<String> out = new TreeSet<>();
        for (String item : items) {
            String s = item == null ? "" : item.strip();
            if (!s.isEmpty()) {
                out.add(keys ? HardwareKeys.resolve(s).orElse(s) : s.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
