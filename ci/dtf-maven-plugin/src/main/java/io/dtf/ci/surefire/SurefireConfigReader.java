package io.dtf.ci.surefire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads the project's {@code maven-surefire-plugin} configuration as Surefire would see it in the
 * {@code test} phase: the plugin's configuration merged with that of its {@code default-test}
 * execution, from the build's plugins or else from plugin management. Read: {@code includes},
 * {@code excludes}, {@code groups}, {@code excludedGroups}, {@code systemPropertyVariables},
 * {@code systemProperties}, {@code environmentVariables}, {@code argLine}; where the pom does not set
 * {@code groups}, {@code excludedGroups} or {@code argLine}, the property of that name does, as for
 * Surefire (JaCoCo, for one, sets {@code argLine}).
 *
 * <pre>{@code
 * Xpp3Dom config = SurefireConfigReader.configuration(project.getBuildPlugins(),
 *         project.getPluginManagement() == null ? List.of() : project.getPluginManagement().getPlugins());
 * SurefireSettings settings = SurefireConfigReader.read(config, properties::getProperty);
 * }</pre>
 */
public final class SurefireConfigReader {
    static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";
    private static final String DEFAULT_EXECUTION = "default-test";

    private SurefireConfigReader() {
    }

    /**
     * The Surefire configuration of the build: from {@code buildPlugins}, else from {@code managedPlugins};
     * null when neither names Surefire or it has no configuration.
     */
    public static Xpp3Dom configuration(List<Plugin> buildPlugins, List<Plugin> managedPlugins) {
        Plugin surefire = find(buildPlugins);
        if (surefire == null) {
            surefire = find(managedPlugins);
        }
        if (surefire == null) {
            return null;
        }
        Xpp3Dom config = (Xpp3Dom) surefire.getConfiguration();
        for (PluginExecution execution : surefire.getExecutions()) {
            if (DEFAULT_EXECUTION.equals(execution.getId()) && execution.getConfiguration() != null) {
                Xpp3Dom own = new Xpp3Dom((Xpp3Dom) execution.getConfiguration());
                config = config == null ? own : Xpp3Dom.mergeXpp3Dom(own, new Xpp3Dom(config));
            }
        }
        return config;
    }

    private static Plugin find(List<Plugin> plugins) {
        if (plugins == null) {
            return null;
        }
        return plugins.stream().filter(p -> SUREFIRE.equals(p.getKey())).findFirst().orElse(null);
    }

    /**
     * The settings {@code config} gives (null: Surefire's defaults), with {@code ${...}} and
     * {@code @{...}} expanded from {@code properties} (the project's properties over which the
     * session's user properties win).
     */
    public static SurefireSettings read(Xpp3Dom config, Function<String, String> properties) {
        String argLine = text(config, "argLine");
        String groups = text(config, "groups");
        String excludedGroups = text(config, "excludedGroups");
        return new SurefireSettings(
                patterns(config, "includes", properties),
                patterns(config, "excludes", properties),
                Expressions.expand(groups != null ? groups : properties.apply("groups"), properties),
                Expressions.expand(excludedGroups != null ? excludedGroups : properties.apply("excludedGroups"),
                        properties),
                systemProperties(config, properties),
                map(child(config, "environmentVariables"), properties),
                ArgLine.split(Expressions.expand(argLine != null ? argLine : properties.apply("argLine"), properties)));
    }

    /** Each {@code <include>} may hold several patterns separated by commas, as Surefire allows. */
    private static List<String> patterns(Xpp3Dom config, String name, Function<String, String> properties) {
        List<String> patterns = new ArrayList<>();
        Xpp3Dom list = child(config, name);
        if (list == null) {
            return patterns;
        }
        for (Xpp3Dom item : list.getChildren()) {
            String value = Expressions.expand(item.getValue(), properties);
            if (value == null) {
                continue;
            }
            for (String pattern : value.split(",")) {
                if (!pattern.isBlank()) {
                    patterns.add(pattern.strip());
                }
            }
        }
        return patterns;
    }

    /** {@code systemPropertyVariables} win over the older {@code systemProperties}, as in Surefire. */
    private static Map<String, String> systemProperties(Xpp3Dom config, Function<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>();
        Xpp3Dom old = child(config, "systemProperties");
        if (old != null) {
            for (Xpp3Dom property : old.getChildren()) {
                String name = text(property, "name");
                if ("property".equals(property.getName()) && name != null) {
                    String value = Expressions.expand(text(property, "value"), properties);
                    all.put(name, value == null ? "" : value);
                } else if (property.getChildCount() == 0) {
                    all.put(property.getName(), orEmpty(Expressions.expand(property.getValue(), properties)));
                }
            }
        }
        all.putAll(map(child(config, "systemPropertyVariables"), properties));
        return all;
    }

    private static Map<String, String> map(Xpp3Dom parent, Function<String, String> properties) {
        Map<String, String> map = new LinkedHashMap<>();
        if (parent != null) {
            for (Xpp3Dom entry : parent.getChildren()) {
                map.put(entry.getName(), orEmpty(Expressions.expand(entry.getValue(), properties)));
            }
        }
        return map;
    }

    private static Xpp3Dom child(Xpp3Dom parent, String name) {
        return parent == null ? null : parent.getChild(name);
    }

    private static String text(Xpp3Dom parent, String name) {
        Xpp3Dom child = child(parent, name);
        return child == null || child.getValue() == null || child.getValue().isBlank() ? null : child.getValue().strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
