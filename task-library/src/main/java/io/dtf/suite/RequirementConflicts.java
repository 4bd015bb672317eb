package io.dtf.suite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.requirements.Comparison;
import io.dtf.requirements.Comparison.Operator;
import io.dtf.requirements.Membership;
import io.dtf.requirements.Requirement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds requirement lists no node can ever satisfy: bounds on one attribute that leave no value
 * ({@code cores >= 8} with {@code cores < 4}), or equalities that disagree ({@code os == linux}
 * with {@code os == windows}). Such a task would wait in the queue forever; better to refuse it.
 */
final class RequirementConflicts {
    private static final Map<String, String> SHORT_NAMES = HardwareKeys.aliases().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    private RequirementConflicts() {
    }

    /** One message per contradiction found, naming the requirements that contradict. */
    static List<String> find(List<Requirement> requirements) {
        Map<String, List<Requirement>> byKey = new LinkedHashMap<>();
        requirements.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<String> conflicts = new ArrayList<>();
        byKey.forEach((key, list) -> {
            numeric(list, conflicts);
            // A list attribute (cpu.flags == avx2 and cpu.flags == fma) holds several values at once.
            if (!HardwareKeys.isList(key)) {
                text(list, conflicts);
            }
        });
        return conflicts;
    }

    private static void numeric(List<Requirement> list, List<String> conflicts) {
        Comparison lower = null;
        Comparison upper = null;
        List<Comparison> equal = new ArrayList<>();
        List<Comparison> notEqual = new ArrayList<>();
        for (Requirement r : list) {
            if (!(r instanceof Comparison c) || c.number() == null) {
                continue;
            }
            switch (c.op()) {
                case GE, GT -> lower = lower == null || tighter(c, lower, 1) ? c : lower;
                case LE, LT -> upper = upper == null || tighter(c, upper, -1) ? c : upper;
                case EQ -> equal.add(c);
                case NE -> notEqual.add(c);
            }
        }
        if (lower != null && upper != null) {
            if (!admits(lower, upper.number()) || !admits(upper, lower.number())) {
                conflicts.add(never(lower, upper));
                return;
            }
            // Two inclusive bounds on one value: '!=' that value leaves nothing.
            Comparison excluded = lower.number().compareTo(upper.number()) == 0 ? find(notEqual, lower.number()) : null;
            if (excluded != null) {
                conflicts.add(never(lower, upper, excluded));
            }
        }
        for (Comparison eq : equal) {
            if (lower != null && !admits(lower, eq.number())) {
                conflicts.add(never(lower, eq));
            } else if (upper != null && !admits(upper, eq.number())) {
                conflicts.add(never(eq, upper));
            } else if (eq.number().compareTo(equal.get(0).number()) != 0) {
                conflicts.add(never(equal.get(0), eq));
            }
            Comparison excluded = find(notEqual, eq.number());
            if (excluded != null) {
                conflicts.add(never(eq, excluded));
            }
        }
    }

    /** Text equalities and memberships: the values every one of them allows must overlap. */
    private static void text(List<Requirement> list, List<String> conflicts) {
        Set<String> allowed = null;
        List<Requirement> narrowing = new ArrayList<>();
        for (Requirement r : list) {
            Set<String> values;
            if (r instanceof Comparison c && c.number() == null && c.op() == Operator.EQ) {
                values = Set.of(c.value().toLowerCase(Locale.ROOT));
            } else if (r instanceof Membership m) {
                values = m.values().stream().map(v -> v.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            } else {
                continue;
            }
            narrowing.add(r);
            if (allowed == null) {
                allowed = new LinkedHashSet<>(values);
            } else {
                allowed.retainAll(values);
            }
            if (allowed.isEmpty()) {
                conflicts.add(never(narrowing.toArray(Requirement[]::new)));
                return;
            }
        }
        if (allowed == null) {
            return;
        }
        for (Requirement r : list) {
            if (r instanceof Comparison c && c.number() == null && c.op() == Operator.NE) {
                allowed.remove(c.value().toLowerCase(Locale.ROOT));
                if (allowed.isEmpty()) {
                    narrowing.add(c);
                    conflicts.add(never(narrowing.toArray(Requirement[]::new)));
                    return;
                }
            }
        }
    }

    private static Comparison find(List<Comparison> comparisons, BigDecimal number) {
        return comparisons.stream().filter(c -> c.number().compareTo(number) == 0).findFirst().orElse(null);
    }

    /** Whether {@code a} is a tighter bound than {@code b} in the given direction (1: lower bound, -1: upper). */
    private static boolean tighter(Comparison a, Comparison b, int direction) {
        int cmp = a.number().compareTo(b.number()) * direction;
        return cmp > 0 || cmp == 0 && (a.op() == Operator.GT || a.op() == Operator.LT);
    }

    private static boolean admits(Comparison bound, BigDecimal value) {
        int cmp = value.compareTo(bound.number());
        return switch (bound.op()) {
            case GE -> cmp >= 0;
            case GT -> cmp > 0;
            case LE -> cmp <= 0;
            case LT -> cmp < 0;
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
        };
    }

    private static String never(Requirement... parts) {
        List<String> quoted = new ArrayList<>();
        for (Requirement r : parts) {
            quoted.add("'" + SuiteErrors.echo(shortForm(r)) + "'");
        }
        String joined = quoted.size() == 2 ? quoted.get(0) + " and " + quoted.get(1)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
        return joined + " can never be met together: no value of " + shortName(parts[0].key()) + " satisfies them all";
    }

    /** The expression with the attribute written as the suite's short name ({@code cores}, not {@code dtf.cpu.cores}). */
    static String shortForm(Requirement r) {
        String expression = r.expression();
        return expression.startsWith(r.key()) ? shortName(r.key()) + expression.substring(r.key().length()) : expression;
    }

    private static String shortName(String key) {
        return SHORT_NAMES.getOrDefault(key, key);
    }
}
