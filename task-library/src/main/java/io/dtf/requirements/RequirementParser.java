package io.dtf.requirements;

import io.dtf.hardware.HardwareKeys;
import io.dtf.wire.SafeText;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the requirement lines described on {@link Requirement}. */
final class RequirementParser {
    static final int MAX_LENGTH = 512;
    /** Errors quote at most this much of a line: enough to recognise it, never a wall of text. */
    static final int ECHO = 80;
    private static final String KEY = "([A-Za-z][A-Za-z0-9_.-]*)";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.+-]*";
    private static final Pattern TAG = Pattern.compile("tag\\s+(" + NAME + ")");
    private static final Pattern HAS = Pattern.compile("has\\s+" + KEY);
    private static final Pattern IN = Pattern.compile(KEY + "\\s+in\\s*[\\[(](.*)[\\])]");
    private static final Pattern COMPARE = Pattern.compile(KEY + "\\s*(==|!=|>=|<=|>|<|=)\\s*(.+)");
    private static final String FORMS = "write one of: 'KEY >= 16GiB' (==, !=, >=, <=, >, <), "
            + "'KEY in [a, b]', 'has KEY', 'tag NAME'";

    private RequirementParser() {
    }

    static Requirement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RequirementSyntaxException("empty requirement; " + FORMS);
        }
        if (text.length() > MAX_LENGTH) {
            throw new RequirementSyntaxException("requirement longer than " + MAX_LENGTH + " characters");
        }
        String line = text.strip();
        String shown = SafeText.shortened(line, ECHO);
        if (line.chars().anyMatch(Character::isISOControl)) {
            throw new RequirementSyntaxException("'" + shown + "': control characters (tabs, line breaks, NUL...) "
                    + "are not allowed in a requirement; write it on one line of plain text");
        }
        Requirement requirement = read(line, shown);
        // The canonical text is what crosses the wire and is parsed again: it must fit too.
        if (requirement.expression().length() > MAX_LENGTH) {
            throw new RequirementSyntaxException("'" + shown + "': longer than " + MAX_LENGTH
                    + " characters once written in full (" + SafeText.shortened(requirement.expression(), ECHO) + ")");
        }
        return requirement;
    }

    private static Requirement read(String line, String shown) {
        Matcher m;
        if ((m = TAG.matcher(line)).matches()) {
            return new TagRequirement(m.group(1));
        }
        if ((m = HAS.matcher(line)).matches()) {
            return new Presence(key(m.group(1), shown));
        }
        if ((m = IN.matcher(line)).matches()) {
            List<String> values = Arrays.stream(m.group(2).split(",")).map(RequirementParser::value)
                    .filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                throw new RequirementSyntaxException("'" + shown + "': the list after 'in' is empty; write e.g. 'gpu.vendor in [nvidia, amd]'");
            }
            return new Membership(key(m.group(1), shown), values);
        }
        if ((m = COMPARE.matcher(line)).matches()) {
            String key = key(m.group(1), shown);
            String symbol = m.group(2).equals("=") ? "==" : m.group(2);
            Comparison.Operator op = Arrays.stream(Comparison.Operator.values())
                    .filter(o -> o.symbol().equals(symbol)).findFirst().orElseThrow();
            String value = value(m.group(3));
            BigDecimal number = Quantity.parse(value).orElse(null);
            if (number == null && Quantity.looksNumeric(value)) {
                throw new RequirementSyntaxException("'" + shown + "': unknown unit in '" + SafeText.shortened(value, ECHO)
                        + "'; use B, KB, MB, GB, TB, KiB, MiB, GiB, TiB, k, m, g or t");
            }
            if (number == null && op != Comparison.Operator.EQ && op != Comparison.Operator.NE) {
                throw new RequirementSyntaxException("'" + shown + "': " + op.symbol()
                        + " needs a number (e.g. 16GiB, 8); text compares only with == or !=");
            }
            return new Comparison(key, op, value, number);
        }
        if (line.matches(NAME)) {
            throw new RequirementSyntaxException("'" + shown + "' is not a requirement; did you mean 'tag " + shown
                    + "' or 'has " + shown + "'? " + FORMS);
        }
        throw new RequirementSyntaxException("'" + shown + "' is not a requirement; " + FORMS);
    }

    /** {@code value} as {@link Comparison} and {@link Membership} write it: quoted when reading it back needs that. */
    static String written(String value) {
        return value.isEmpty() || !value.equals(value(value)) ? "\"" + value + "\"" : value;
    }

    private static String key(String name, String shown) {
        return HardwareKeys.resolve(name).orElseThrow(() -> new RequirementSyntaxException("'" + shown
                + "': unknown attribute '" + SafeText.shortened(name, ECHO) + "'; use one of " + HardwareKeys.aliasList()
                + ", or a full attribute name starting with 'dtf.'"));
    }

    /** A value as written, without its blanks and one pair of quotes; blanks inside the quotes are kept. */
    private static String value(String written) {
        String s = written.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
