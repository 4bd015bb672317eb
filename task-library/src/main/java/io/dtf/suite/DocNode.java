package io.dtf.suite;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON document, before it means anything: mappings, lists and scalars that keep
 * the text as written ({@code 1.10} stays {@code 1.10}, which a number type would turn into 1.1).
 */
sealed interface DocNode {

    /** Names the kind of node for error messages ("a list", "a mapping", "the number 3"). */
    String describe();

    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    record Scalar(Kind kind, String text) implements DocNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case STRING -> "'" + SuiteErrors.echo(text) + "'";
                default -> text;
            };
        }
    }

    record Sequence(List<DocNode> items) implements DocNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** Keys in the order written. */
    record Mapping(Map<String, DocNode> fields) implements DocNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
