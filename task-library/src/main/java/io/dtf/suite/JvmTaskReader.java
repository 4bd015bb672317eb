package io.dtf.suite;

import io.dtf.model.ArtifactRef;
import io.dtf.model.JmhAction;
import io.dtf.model.JunitAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of {@code junit} and {@code jmh} entries: the JVM's class path and working folder
 * become content-addressed artifacts ({@link SuiteArtifacts}), the rest is passed on as written.
 */
final class JvmTaskReader {
    static final List<String> JUNIT_FIELDS = List.of("classpath", "select", "include-tags", "exclude-tags", "jvm-args",
            "system-properties", "env", "workdir");
    static final List<String> JMH_FIELDS = List.of("classpath", "include", "options", "jvm-args", "env", "workdir");
    private static final Set<String> SELECTOR_KINDS = Set.of("class", "method", "package", "uid");
    private static final String CLASSPATH_EXAMPLE = "classpath: [target/test-classes, target/classes, lib/*.jar]";

    private JvmTaskReader() {
    }

    static JunitAction junit(MappingReader in, SuiteArtifacts artifacts) {
        List<ArtifactRef> classpath = classpath(in, artifacts);
        List<String> selectors = selectors(in);
        List<String> include = list(in, "include-tags", "include-tags: [fast]");
        List<String> exclude = list(in, "exclude-tags", "exclude-tags: [slow]");
        List<String> jvmArgs = list(in, "jvm-args", "jvm-args: [-Xmx512m]");
        Map<String, String> properties = properties(in);
        Map<String, String> env = EntryReader.env(in);
        ArtifactRef workdir = workdir(in, artifacts);
        return classpath == null || selectors == null ? null
                : new JunitAction(classpath, selectors, include, exclude, jvmArgs, properties, env, workdir);
    }

    static JmhAction jmh(MappingReader in, SuiteArtifacts artifacts) {
        List<ArtifactRef> classpath = classpath(in, artifacts);
        String include = in.optionalText("include");
        Optional<DocNode> optionsNode = in.get("options");
        List<String> options = List.of();
        if (optionsNode.isPresent() && optionsNode.get() instanceof DocNode.Scalar s) {
            in.error("options", "a single string is not accepted; write JMH's options as a list, e.g. options: [-f, '1',"
                    + " -wi, '2', -i, '3'] (not '" + SuiteErrors.echo(s.text()) + "')");
        } else {
            options = list(in, "options", "options: [-f, '1', -wi, '2']");
        }
        List<String> jvmArgs = list(in, "jvm-args", "jvm-args: [-Xmx1g]");
        Map<String, String> env = EntryReader.env(in);
        ArtifactRef workdir = workdir(in, artifacts);
        return classpath == null ? null : new JmhAction(classpath, include, options, jvmArgs, env, workdir);
    }

    /** The class path in order, folders packed; null (with an error) when missing or unusable. */
    private static List<ArtifactRef> classpath(MappingReader in, SuiteArtifacts artifacts) {
        Optional<DocNode> node = in.get("classpath");
        if (node.isEmpty()) {
            in.error("classpath", "missing required field; write e.g. " + CLASSPATH_EXAMPLE);
            return null;
        }
        List<String> paths = node.get() instanceof DocNode.Scalar s ? List.of(s.text())
                : in.scalars("classpath", node.get(), "a list of jars and class folders, e.g. " + CLASSPATH_EXAMPLE);
        if (paths == null) {
            return null;
        }
        if (paths.isEmpty()) {
            in.error("classpath", "the list is empty; write e.g. " + CLASSPATH_EXAMPLE);
            return null;
        }
        int before = in.errorCount();
        List<ArtifactRef> refs = new ArrayList<>();
        for (String path : paths) {
            refs.addAll(artifacts.resolve(in, "classpath", path, false));
        }
        return in.errorCount() == before ? refs : null;
    }

    private static List<String> selectors(MappingReader in) {
        Optional<DocNode> node = in.get("select");
        String example = "select: [class:com.example.FooTest, method:com.example.FooTest#bar, package:com.example]";
        if (node.isEmpty()) {
            in.error("select", "missing required field; write e.g. " + example);
            return null;
        }
        List<String> selectors = in.scalars("select", node.get(), "a list of selectors, e.g. " + example);
        if (selectors == null) {
            return null;
        }
        if (selectors.isEmpty()) {
            in.error("select", "the list is empty; write e.g. " + example);
            return null;
        }
        int before = in.errorCount();
        for (String selector : selectors) {
            int colon = selector.indexOf(':');
            String kind = colon < 0 ? "" : selector.substring(0, colon);
            String value = colon < 0 ? "" : selector.substring(colon + 1).strip();
            if (!SELECTOR_KINDS.contains(kind) || value.isEmpty()) {
                in.error("select", "'" + SuiteErrors.echo(selector) + "' is not a selector; write class:NAME,"
                        + " method:CLASS#METHOD, package:NAME or uid:UNIQUE-ID");
            } else if (kind.equals("method") && (value.indexOf('#') <= 0 || value.endsWith("#"))) {
                in.error("select", "'" + SuiteErrors.echo(selector) + "' names no method; write method:CLASS#METHOD");
            }
        }
        return in.errorCount() == before ? selectors : null;
    }

    private static List<String> list(MappingReader in, String field, String example) {
        Optional<DocNode> node = in.get(field);
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> values = in.scalars(field, node.get(), "a list, e.g. " + example);
        return values == null ? List.of() : values;
    }

    private static Map<String, String> properties(MappingReader in) {
        Map<String, String> properties = new LinkedHashMap<>();
        Optional<DocNode> node = in.get("system-properties");
        if (node.isEmpty()) {
            return properties;
        }
        if (!(node.get() instanceof DocNode.Mapping mapping)) {
            in.error("system-properties", "expected a mapping of names to values, e.g. system-properties: "
                    + "{db.url: 'jdbc:h2:mem:test'}, found " + node.get().describe());
            return properties;
        }
        mapping.fields().forEach((key, value) -> {
            if (key.isBlank() || key.contains("=") || key.indexOf('\0') >= 0) {
                in.error("system-properties." + key, "'" + SuiteErrors.echo(key) + "' is not a property name");
            } else if (value instanceof DocNode.Scalar s && s.kind() != DocNode.Kind.NULL) {
                properties.put(key, s.text());
            } else {
                in.error("system-properties." + key, "expected a text value, found " + value.describe());
            }
        });
        return properties;
    }

    private static ArtifactRef workdir(MappingReader in, SuiteArtifacts artifacts) {
        String path = in.optionalText("workdir");
        if (path == null) {
            return null;
        }
        List<ArtifactRef> refs = artifacts.resolve(in, "workdir", path, true);
        return refs.isEmpty() ? null : refs.get(0);
    }
}
