package io.dtf.model;

import java.util.List;
import java.util.Map;

/**
 * Runs tests through the JUnit Platform launcher in a JVM of their own on the worker.
 *
 * @param classpath        the test JVM's class path, in order: class directories (TREE) and jars (FILE),
 *                         including the project's junit-platform-launcher (the version its engines need)
 * @param selectors        what to run, each {@code class:NAME}, {@code method:CLASS#METHOD},
 *                         {@code package:NAME} or {@code uid:UNIQUE-ID}; at least one
 * @param includeTags      JUnit tag expressions a test must match (empty: all)
 * @param excludeTags      JUnit tag expressions that exclude a test
 * @param jvmArgs          arguments of the test JVM before its main class (the project's argLine)
 * @param systemProperties set with {@code -D} in the test JVM
 * @param env              variables added to the test JVM's clean environment
 * @param workdir          a TREE unpacked as the test JVM's working directory (the project's base
 *                         directory as tests see it: {@code src/test/resources} and listed inputs); null
 *                         for the attempt's own empty directory
 */
public record JunitAction(
        List<ArtifactRef> classpath,
        List<String> selectors,
        List<String> includeTags,
        List<String> excludeTags,
        List<String> jvmArgs,
        Map<String, String> systemProperties,
        Map<String, String> env,
        ArtifactRef workdir) implements TaskAction {

    public JunitAction {
        classpath = List.copyOf(classpath);
        selectors = List.copyOf(selectors);
        includeTags = includeTags == null ? List.of() : List.copyOf(includeTags);
        excludeTags = excludeTags == null ? List.of() : List.copyOf(excludeTags);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        systemProperties = systemProperties == null ? Map.of() : Map.copyOf(systemProperties);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    public String typeName() {
        return "junit";
    }
}
