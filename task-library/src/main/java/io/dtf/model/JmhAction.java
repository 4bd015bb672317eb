package io.dtf.model;

import java.util.List;
import java.util.Map;

/**
 * Runs JMH benchmarks with JMH's own runner in a JVM of their own on the worker; its JSON result
 * becomes the attempt's metrics, one per benchmark and parameter set.
 *
 * @param classpath the benchmark JVM's class path (the project's classes, its dependencies and JMH)
 * @param include   JMH's include regex (empty: every benchmark on the class path)
 * @param options   JMH command-line options passed as they are, e.g. {@code -f 1 -wi 2 -i 3 -p size=10,100}
 *                  (the result format and file are the worker's)
 * @param jvmArgs   arguments of the JVM that runs JMH's runner
 * @param env       variables added to its clean environment
 * @param workdir   a TREE unpacked as its working directory; null for the attempt's own directory
 */
public record JmhAction(
        List<ArtifactRef> classpath,
        String include,
        List<String> options,
        List<String> jvmArgs,
        Map<String, String> env,
        ArtifactRef workdir) implements TaskAction {

    public JmhAction {
        classpath = List.copyOf(classpath);
        include = include == null ? "" : include;
        options = options == null ? List.of() : List.copyOf(options);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    public String typeName() {
        return "jmh";
    }
}
