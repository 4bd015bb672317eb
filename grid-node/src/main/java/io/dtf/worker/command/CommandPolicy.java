package io.dtf.worker.command;

import io.dtf.hardware.HardwareKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What command tasks a worker runs, as its operator started it: none (the default of
 * {@code dtf node}), or those whose program is on its {@link ExecutableAllowList}, with optional
 * OS {@link CommandLimits} and worker variables passed on to them by name.
 *
 * <pre>{@code
 * // dtf node --allow-commands=sh,python3 --command-limits files=1024 --command-env JAVA_HOME
 * CommandPolicy policy = CommandPolicy.allowing(ExecutableAllowList.parse("sh,python3"))
 *         .withLimits(CommandLimits.parse("files=1024")).withPassedVariables(Set.of("JAVA_HOME"));
 * }</pre>
 *
 * <p>The worker publishes it as node attributes ({@link #attributes()}): {@code dtf.commands} tells
 * the coordinator whether to send it command tasks at all, the others let people see its rules. The
 * worker itself reads them back when it runs a task ({@link #fromAttributes}) and is the one that
 * enforces them.
 */
public record CommandPolicy(boolean enabled, ExecutableAllowList allowList, CommandLimits limits,
                            Set<String> passedVariables) {
    /** Attribute: the allow-list, comma-separated; absent when any program may run. */
    public static final String ALLOW_ATTRIBUTE = HardwareKeys.COMMANDS + ".allow";
    /** Attribute: the limits, as {@link CommandLimits#parse} reads them; absent when none. */
    public static final String LIMITS_ATTRIBUTE = HardwareKeys.COMMANDS + ".limits";
    /** Attribute: the worker variables passed on to commands, comma-separated; absent when none. */
    public static final String ENV_ATTRIBUTE = HardwareKeys.COMMANDS + ".env";

    /** No command tasks at all. */
    public static final CommandPolicy NONE = new CommandPolicy(false, ExecutableAllowList.ANY, CommandLimits.NONE,
            Set.of());
    /** Any program, no limits: the one-machine {@code dtf run}, where the user runs their own suite. */
    public static final CommandPolicy ANY = allowing(ExecutableAllowList.ANY);

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CommandPolicy {
        allowList = allowList == null ? ExecutableAllowList.ANY : allowList;
        limits = limits == null ? CommandLimits.NONE : limits;
        passedVariables = passedVariables == null ? Set.of() : Set.copyOf(passedVariables);
        for (String name : passedVariables) {
            if (!VARIABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable name; use letters,"
                        + " digits and '_', not starting with a digit");
            }
        }
    }

    /** Command tasks whose program {@code allowList} allows. */
    public static CommandPolicy allowing(ExecutableAllowList allowList) {
        return new CommandPolicy(true, allowList, CommandLimits.NONE, Set.of());
    }

    public CommandPolicy withLimits(CommandLimits value) {
        return new CommandPolicy(enabled, allowList, value, passedVariables);
    }

    public CommandPolicy withPassedVariables(Set<String> value) {
        return new CommandPolicy(enabled, allowList, limits, value);
    }

    /** The node attributes that publish this policy (a worker publishes them; other nodes none). */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(HardwareKeys.COMMANDS, String.valueOf(enabled));
        if (enabled && !allowList.allowsAny()) {
            attributes.put(ALLOW_ATTRIBUTE, allowList.text());
        }
        if (enabled && !limits.isEmpty()) {
            attributes.put(LIMITS_ATTRIBUTE, limits.text());
        }
        if (enabled && !passedVariables.isEmpty()) {
            attributes.put(ENV_ATTRIBUTE, String.join(",", passedVariables));
        }
        return attributes;
    }

    /** The policy a node published with {@link #attributes()}; {@code attribute} reads one, null when absent. */
    public static CommandPolicy fromAttributes(Function<String, String> attribute) {
        if (!Boolean.parseBoolean(attribute.apply(HardwareKeys.COMMANDS))) {
            return NONE;
        }
        String env = attribute.apply(ENV_ATTRIBUTE);
        Set<String> passed = env == null ? Set.of() : Arrays.stream(env.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        return new CommandPolicy(true, ExecutableAllowList.parse(attribute.apply(ALLOW_ATTRIBUTE)),
                CommandLimits.parse(attribute.apply(LIMITS_ATTRIBUTE)), passed);
    }

    /** For the node's start-up line: {@code any program}, {@code only sh, python3}, or {@code none}. */
    public String describe() {
        if (!enabled) {
            return "no command tasks";
        }
        String programs = allowList.allowsAny() ? "command tasks (any program)"
                : "command tasks (only " + String.join(", ", allowList.entries()) + ")";
        return limits.isEmpty() ? programs : programs + " with limits " + limits.text();
    }
}
