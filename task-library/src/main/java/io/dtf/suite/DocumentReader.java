package io.dtf.suite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dtf.wire.SafeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML or JSON text into a {@link DocNode} tree. Text starting with '{' or '[' is read as
 * JSON with Jackson (falling back to YAML, whose flow style also starts so); anything else as YAML
 * with SnakeYAML's event parser. Both feed a {@link TreeBuilder}, which enforces the limits.
 *
 * <p>YAML goes through SnakeYAML's events rather than Jackson's YAML module because that module
 * hands an alias ({@code *name}) over as the plain string {@code name} and drops anchors on
 * scalars: it would silently turn {@code tasks: *common} into text.
 */
final class DocumentReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(SuiteLimits.MAX_DEPTH + 1).build())
            .build();
    private static final Resolver RESOLVER = new Resolver();

    private DocumentReader() {
    }

    /** Reads one document; throws {@link SuiteValidationException} when the text cannot be read. */
    static DocNode read(String text, SuiteErrors errors) {
        if (text.isBlank()) {
            throw errors.fatal(null, "the file is empty; a suite needs at least 'suite' and 'tasks'");
        }
        if (looksLikeJson(text)) {
            try {
                return readJson(text, new TreeBuilder(errors));
            } catch (JsonProcessingException jsonProblem) {
                try {
                    return readYaml(text, new TreeBuilder(errors));
                } catch (YAMLException yamlProblem) {
                    throw errors.fatal(null, syntaxMessage(jsonProblem));
                }
            }
        }
        try {
            return readYaml(text, new TreeBuilder(errors));
        } catch (YAMLException e) {
            throw errors.fatal(null, syntaxMessage(e));
        }
    }

    private static DocNode readYaml(String text, TreeBuilder tree) {
        LoaderOptions options = new LoaderOptions();
        // The file size is checked before parsing; SnakeYAML's own default (3 MB) would cut in first.
        options.setCodePointLimit((int) SuiteLimits.MAX_FILE_BYTES + 1);
        ParserImpl parser = new ParserImpl(new StreamReader(text), options);
        int documents = 0;
        for (Event event = next(parser); event != null; event = next(parser)) {
            int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (++documents > 1) {
                        throw tree.fail("line " + line + ": a second document starts here; a suite file holds one document");
                    }
                }
                case MappingStart, SequenceStart -> tree.start(event.getEventId() == Event.ID.MappingStart,
                        ((CollectionStartEvent) event).getAnchor(), line);
                case MappingEnd, SequenceEnd -> tree.end();
                case Alias -> tree.alias(((AliasEvent) event).getAnchor(), line);
                case Scalar -> {
                    ScalarEvent scalar = (ScalarEvent) event;
                    tree.scalar(new DocNode.Scalar(kind(scalar), scalar.getValue()), scalar.getAnchor(), line);
                }
                default -> {
                    // stream start, document end, comments: nothing to build
                }
            }
        }
        return tree.finish();
    }

    /**
     * SnakeYAML's next event. Its scanner lets a few plain exceptions out on malformed text (a
     * NumberFormatException for an escape such as {@code "\\u} cut short): those are syntax errors too.
     */
    private static Event next(ParserImpl parser) {
        try {
            return parser.getEvent();
        } catch (YAMLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new YAMLException("unreadable text (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static DocNode readJson(String text, TreeBuilder tree) throws JsonProcessingException {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken token;
            while (!tree.done() && (token = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                switch (token) {
                    case START_OBJECT, START_ARRAY -> tree.start(token == JsonToken.START_OBJECT, null, line);
                    case END_OBJECT, END_ARRAY -> tree.end();
                    case FIELD_NAME -> tree.scalar(new DocNode.Scalar(DocNode.Kind.STRING, p.currentName()), null, line);
                    case VALUE_NUMBER_INT -> tree.scalar(new DocNode.Scalar(DocNode.Kind.INTEGER, p.getText()), null, line);
                    case VALUE_NUMBER_FLOAT -> tree.scalar(new DocNode.Scalar(DocNode.Kind.DECIMAL, p.getText()), null, line);
                    case VALUE_TRUE, VALUE_FALSE -> tree.scalar(new DocNode.Scalar(DocNode.Kind.BOOLEAN, p.getText()), null, line);
                    case VALUE_NULL -> tree.scalar(new DocNode.Scalar(DocNode.Kind.NULL, ""), null, line);
                    default -> tree.scalar(new DocNode.Scalar(DocNode.Kind.STRING, p.getText()), null, line);
                }
            }
            if (tree.done() && p.nextToken() != null) {
                throw tree.fail("line " + p.currentTokenLocation().getLineNr() + ": text follows the end of the document");
            }
            return tree.finish();
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * YAML 1.1 typing, as SnakeYAML resolves it: plain {@code 42} is a number, quoted {@code "42"} is
     * text. An explicit tag is compared as written: SnakeYAML's {@code Tag} refuses some that its
     * scanner lets through (a tag that decodes to blanks), with an exception of its own.
     */
    private static DocNode.Kind kind(ScalarEvent scalar) {
        String tag = scalar.getTag() != null && !"!".equals(scalar.getTag()) ? scalar.getTag()
                : RESOLVER.resolve(NodeId.scalar, scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar()).getValue();
        if (Tag.INT.getValue().equals(tag)) {
            return DocNode.Kind.INTEGER;
        } else if (Tag.FLOAT.getValue().equals(tag)) {
            return DocNode.Kind.DECIMAL;
        } else if (Tag.BOOL.getValue().equals(tag)) {
            return DocNode.Kind.BOOLEAN;
        } else if (Tag.NULL.getValue().equals(tag)) {
            return DocNode.Kind.NULL;
        }
        return DocNode.Kind.STRING;
    }

    private static boolean looksLikeJson(String text) {
        String s = text.stripLeading();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1).stripLeading();
        }
        return s.startsWith("{") || s.startsWith("[");
    }

    /** One line with the place and the problem; SnakeYAML's own message spans several lines. */
    private static String syntaxMessage(YAMLException e) {
        if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark at = m.getProblemMark();
            String context = m.getContext() == null ? ""
                    : " (" + m.getContext() + (m.getContextMark() == null ? "" : " that starts at line "
                    + (m.getContextMark().getLine() + 1) + ", column " + (m.getContextMark().getColumn() + 1)) + ")";
            return "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": "
                    + oneLine(m.getProblem()) + context + "; the file is not valid YAML";
        }
        return oneLine(e.getMessage()) + "; the file is not valid YAML";
    }

    private static String syntaxMessage(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + oneLine(e.getOriginalMessage()) + "; the file is not valid JSON";
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : SafeText.shortened(s.strip().replaceAll("\\s*\\n\\s*", " "), 300);
    }
}
