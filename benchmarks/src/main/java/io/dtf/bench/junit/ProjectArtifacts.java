package io.dtf.bench.junit;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a generated project's tests need on a worker, as the plugin ships it: its compiled test classes as
 * one TREE, then every jar of its test class path (Maven's own list) as a FILE.
 */
final class ProjectArtifacts {
    private ProjectArtifacts() {
    }

    /** Writes the project's test class path to {@code target/classpath.txt} (compiling it first). */
    static void compile(SkewedSuite suite, Path log, boolean clean) throws IOException, InterruptedException {
        List<String> goals = new ArrayList<>();
        if (clean) {
            goals.add("clean");
        }
        goals.addAll(List.of("test-compile", "dependency:build-classpath", "-Dmdep.includeScope=test",
                "-Dmdep.outputFile=target/classpath.txt"));
        Maven.run(suite.dir(), log, goals);
    }

    /** The artifacts, the tree packed into {@code packInto}. */
    static List<LocalArtifact> of(SkewedSuite suite, Path packInto) throws IOException {
        List<LocalArtifact> artifacts = new ArrayList<>();
        artifacts.add(Artifacts.tree(suite.dir().resolve("target/test-classes"), packInto));
        String classpath = Files.readString(suite.dir().resolve("target/classpath.txt")).trim();
        for (String jar : Arrays.stream(classpath.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList()) {
            artifacts.add(Artifacts.file(Path.of(jar)));
        }
        return artifacts;
    }

    static List<ArtifactRef> refs(List<LocalArtifact> artifacts) {
        return artifacts.stream().map(LocalArtifact::ref).toList();
    }
}
