package io.dtf.requirements;

import io.dtf.hardware.HardwareKeys;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code key OP value}. Numeric when the value is a quantity (units allowed), else a
 * case-insensitive text comparison (only {@code ==} and {@code !=}).
 */
public record Comparison(String key, Operator op, String value, BigDecimal number) implements Requirement {

    public enum Operator {
        EQ("=="), NE("!="), GE(">="), LE("<="), GT(">"), LT("<");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case GE -> cmp >= 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case LT -> cmp < 0;
            };
        }
    }

    @Override
    public String expression() {
        return key + " " + op.symbol() + " " + RequirementParser.written(value);
    }

    @Override
    public boolean test(Map<String, ?> attributes) {
        Object actual = attributes.get(key);
        if (actual == null) {
            return false;
        }
        if (number != null) {
            Optional<BigDecimal> have = actual instanceof Number n
                    ? Optional.of(new BigDecimal(n.toString()))
                    : Quantity.parse(actual.toString());
            return have.isPresent() && op.holds(have.get().compareTo(number));
        }
        if (HardwareKeys.isList(key)) {
            // On a list attribute (tags, accelerators, cpu.flags, roles) == means "contains".
            boolean contains = ListValues.of(actual).contains(value.toLowerCase(Locale.ROOT));
            return op == Operator.EQ ? contains : op == Operator.NE && !contains;
        }
        int cmp = actual.toString().toLowerCase(Locale.ROOT).compareTo(value.toLowerCase(Locale.ROOT));
        return op.holds(cmp);
    }

    @Override
    public Optional<String> unmet(Map<String, ?> attributes) {
        if (test(attributes)) {
            return Optional.empty();
        }
        Object actual = attributes.get(key);
        String have = actual == null ? "no " + key
                : HardwareKeys.isBytes(key) && actual instanceof Number n ? key + "=" + Quantity.bytes(n.longValue())
                : key + "=" + actual;
        return Optional.of(expression() + " (node has " + have + ")");
    }
}
