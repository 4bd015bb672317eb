package io.dtf.suite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link DocNode} tree from a parser's events (start and end of a mapping or list, a
 * scalar, an alias), whichever parser sends them.
 *
 * <p>Aliases share the anchored subtree instead of copying it, and every alias adds the size of
 * what it refers to to a budget: aliases that refer to aliases multiply ("billion laughs"), and the
 * budget stops such a document after {@link SuiteLimits#MAX_ALIAS_VALUES} values, in milliseconds.
 * Merge keys ({@code <<: *defaults}) are applied as YAML defines them; a key written twice in one
 * mapping is reported (YAML parsers otherwise keep one silently).
 */
final class TreeBuilder {
    private static final String MERGE_KEY = "<<";

    private final SuiteErrors errors;
    // Kept apart from errors until the document is read: a failed JSON attempt must leave no trace.
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private DocNode root;
    private long aliasValues;

    TreeBuilder(SuiteErrors errors) {
        this.errors = errors;
    }

    /** True once the top-level value is complete. */
    boolean done() {
        return root != null;
    }

    /** The document; reports the problems that did not stop reading (duplicate keys, say). */
    DocNode finish() {
        if (root == null) {
            throw fail("the file holds no document; a suite needs at least 'suite' and 'tasks'");
        }
        problems.forEach(problem -> errors.add(null, problem));
        return root;
    }

    /** Ends reading with this error and those found so far. */
    SuiteValidationException fail(String message) {
        problems.forEach(problem -> errors.add(null, problem));
        return errors.fatal(null, message);
    }

    void start(boolean mapping, String anchor, int line) {
        if (stack.size() >= SuiteLimits.MAX_DEPTH) {
            throw fail("line " + line + ": nested deeper than " + SuiteLimits.MAX_DEPTH + " levels; a suite needs far fewer");
        }
        stack.push(new Frame(mapping, anchor, line));
    }

    void end() {
        Frame done = stack.pop();
        if (done.mapping && done.key != null) {
            throw fail("a mapping ends after the key '" + SuiteErrors.echo(done.key) + "' without its value");
        }
        DocNode node = done.mapping ? merged(done) : new DocNode.Sequence(List.copyOf(done.items));
        add(node, done.size, done.anchor, done.startLine);
    }

    /** A scalar: the next key when its mapping waits for one, else a value. */
    void scalar(DocNode.Scalar scalar, String anchor, int line) {
        Frame parent = stack.peek();
        if (parent != null && parent.mapping && parent.key == null) {
            parent.key = scalar.text();
            parent.keyLine = line;
            if (anchor != null) {
                anchors.put(anchor, new Anchored(scalar, 1));
            }
            return;
        }
        add(scalar, 1, anchor, line);
    }

    void alias(String name, int line) {
        Anchored target = anchors.get(name);
        if (target == null) {
            String shown = SuiteErrors.echo(name);
            problems.add("line " + line + ": alias *" + shown + " refers to no anchor &" + shown + " defined before it");
            add(new DocNode.Scalar(DocNode.Kind.NULL, ""), 1, null, line);
            return;
        }
        aliasValues += target.size;
        if (aliasValues > SuiteLimits.MAX_ALIAS_VALUES) {
            throw fail("line " + line + ": YAML aliases expand this document past "
                    + String.format(Locale.ROOT, "%,d", SuiteLimits.MAX_ALIAS_VALUES) + " values; refusing it "
                    + "(aliases that refer to aliases multiply, as in a 'billion laughs' document)");
        }
        if (target.node instanceof DocNode.Scalar s) {
            scalar(s, null, line);
        } else {
            add(target.node, target.size, null, line);
        }
    }

    private void add(DocNode node, long size, String anchor, int line) {
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, size));
        }
        Frame parent = stack.peek();
        if (parent == null) {
            root = node;
            return;
        }
        parent.size += size;
        if (!parent.mapping) {
            parent.items.add(node);
            return;
        }
        if (parent.key == null) {
            throw fail("line " + line + ": a key must be text, not " + node.describe());
        }
        if (MERGE_KEY.equals(parent.key)) {
            parent.merges.add(node);
        } else if (parent.fields.containsKey(parent.key)) {
            problems.add("line " + parent.keyLine + ": key '" + SuiteErrors.echo(parent.key) + "' appears twice in the same mapping");
        } else {
            parent.fields.put(parent.key, node);
        }
        parent.key = null;
    }

    /** A mapping with its {@code <<} merges applied: keys written in the mapping win, then earlier merges. */
    private DocNode merged(Frame frame) {
        Map<String, DocNode> fields = new LinkedHashMap<>(frame.fields);
        for (DocNode merge : frame.merges) {
            List<DocNode> sources = merge instanceof DocNode.Sequence s ? s.items() : List.of(merge);
            for (DocNode source : sources) {
                if (source instanceof DocNode.Mapping m) {
                    m.fields().forEach(fields::putIfAbsent);
                } else {
                    problems.add("'<<' (a YAML merge key) takes a mapping or a list of mappings, not " + source.describe());
                }
            }
        }
        return new DocNode.Mapping(fields);
    }

    private record Anchored(DocNode node, long size) {
    }

    private static final class Frame {
        final boolean mapping;
        final String anchor;
        final int startLine;
        final Map<String, DocNode> fields = new LinkedHashMap<>();
        final List<DocNode> items = new ArrayList<>();
        final List<DocNode> merges = new ArrayList<>();
        /** The key waiting for its value, null when the mapping waits for a key. */
        String key;
        int keyLine;
        long size = 1;

        Frame(boolean mapping, String anchor, int startLine) {
            this.mapping = mapping;
            this.anchor = anchor;
            this.startLine = startLine;
        }
    }
}
