package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.model.ArtifactRef;
import io.dtf.model.JmhAction;
import io.dtf.model.JunitAction;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmTaskSuiteTest {
    @TempDir
    Path project;

    @BeforeEach
    void aProject() throws Exception {
        Files.createDirectories(project.resolve("target/test-classes/com/example"));
        Files.writeString(project.resolve("target/test-classes/com/example/FooTest.class"), "foo");
        Files.createDirectories(project.resolve("lib"));
        Files.writeString(project.resolve("lib/b.jar"), "bee");
        Files.writeString(project.resolve("lib/a.jar"), "ay");
        Files.writeString(project.resolve("lib/notes.txt"), "not a jar");
        Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(project.resolve("src/test/resources/data.csv"), "1,2");
    }

    @Test
    void junitAndJmhEntriesNameTheirFilesByDigestAndKeepThemForUpload() throws Exception {
        Path suiteFile = write("""
                suite: jvm
                tasks:
                  - name: unit
                    type: junit
                    classpath: [target/test-classes, lib/*.jar]
                    select: [class:com.example.FooTest, method:com.example.FooTest#bar, package:com.example]
                    include-tags: [fast]
                    exclude-tags: [slow]
                    jvm-args: [-Xmx256m]
                    system-properties: {db.url: 'jdbc:h2:mem:x', retries: 3}
                    env: {LANG: C}
                    workdir: src/test/resources
                  - name: bench
                    type: jmh
                    classpath: [lib/a.jar, target/test-classes]
                    include: '.*Foo.*'
                    options: [-f, '1', -wi, '2']
                """);
        LoadedSuite loaded = SuiteLoader.loadWithArtifacts(suiteFile, name -> true, project.resolve("packed"));
        JunitAction junit = (JunitAction) loaded.suite().tasks().get(0).action();
        JmhAction jmh = (JmhAction) loaded.suite().tasks().get(1).action();

        ArtifactRef a = Artifacts.file(project.resolve("lib/a.jar")).ref();
        ArtifactRef b = Artifacts.file(project.resolve("lib/b.jar")).ref();
        assertEquals(3, junit.classpath().size());
        assertEquals(ArtifactRef.Kind.TREE, junit.classpath().get(0).kind());
        assertEquals(List.of(a, b), junit.classpath().subList(1, 3)); // the glob's matches, sorted
        assertEquals(List.of("class:com.example.FooTest", "method:com.example.FooTest#bar", "package:com.example"),
                junit.selectors());
        assertEquals(Map.of("db.url", "jdbc:h2:mem:x", "retries", "3"), junit.systemProperties());
        assertEquals(List.of("-Xmx256m"), junit.jvmArgs());
        assertEquals(List.of("fast"), junit.includeTags());
        assertEquals(Map.of("LANG", "C"), junit.env());
        assertEquals(ArtifactRef.Kind.TREE, junit.workdir().kind());
        assertEquals(List.of(a, junit.classpath().get(0)), jmh.classpath());
        assertEquals(List.of("-f", "1", "-wi", "2"), jmh.options());
        assertEquals(".*Foo.*", jmh.include());

        // Four distinct artifacts, each once, each with the local file that holds its bytes.
        assertEquals(4, loaded.artifacts().size());
        for (LocalArtifact l : loaded.artifacts()) {
            assertEquals(l.ref().size(), Files.size(l.source()));
        }
        String wire = Json.write(loaded.suite());
        assertFalse(wire.contains(project.toString()), "no local path on the wire: " + wire);
    }

    @Test
    void loadingWithoutUploadStillNamesTheArtifacts() throws Exception {
        Path suiteFile = write("""
                suite: jvm
                tasks:
                  - {name: unit, type: junit, classpath: [target/test-classes], select: ['class:X']}
                """);
        JunitAction junit = (JunitAction) SuiteLoader.load(suiteFile).tasks().get(0).action();
        assertEquals(ArtifactRef.Kind.TREE, junit.classpath().get(0).kind());
        assertNull(junit.workdir());
    }

    @Test
    void mistakesAreReportedByField() throws Exception {
        Path suiteFile = write("""
                suite: jvm
                tasks:
                  - name: no-classpath
                    type: junit
                    select: [class:X]
                  - name: bad-selectors
                    type: junit
                    classpath: [lib/a.jar]
                    select: [X, 'method:Foo', 'class:']
                  - name: missing-file
                    type: junit
                    classpath: [lib/nope.jar]
                    select: [class:X]
                    workdir: lib/a.jar
                  - name: options-as-text
                    type: jmh
                    classpath: [lib/a.jar]
                    options: -f 1
                  - name: wrong-fields
                    type: command
                    command: [echo]
                    classpath: [lib/a.jar]
                  - name: no-match
                    type: jmh
                    classpath: ['lib/*.zip']
                    select: [class:X]
                """);
        List<SuiteError> errors = assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.loadWithArtifacts(suiteFile, n -> true, project.resolve("packed"))).errors();
        assertTrue(message(errors, "no-classpath", "classpath").startsWith("missing required field; write e.g."));
        assertTrue(message(errors, "bad-selectors", "select").contains("'X' is not a selector"));
        assertEquals(3, errors.stream().filter(e -> "bad-selectors".equals(e.task())).count(), errors.toString());
        assertTrue(message(errors, "missing-file", "classpath").contains("no such file or folder"));
        assertTrue(message(errors, "missing-file", "workdir").contains("is not a folder"));
        assertTrue(message(errors, "options-as-text", "options").contains("write JMH's options as a list"));
        assertEquals("'classpath' is a field of junit tasks; this task has type command",
                message(errors, "wrong-fields", "classpath"));
        assertTrue(message(errors, "no-match", "classpath").contains("matches no file"));
        assertEquals("'select' is a field of junit tasks; this task has type jmh", message(errors, "no-match", "select"));
    }

    @Test
    void suiteTextFromNoFileCannotNamePaths() {
        List<SuiteError> errors = assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse("""
                suite: jvm
                tasks:
                  - {name: unit, type: junit, classpath: [lib/a.jar], select: ['class:X']}
                """, "request body")).errors();
        assertTrue(message(errors, "unit", "classpath").contains("relative to the suite file"));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(project.resolve("suite.yaml"), yaml);
    }

    private static String message(List<SuiteError> errors, String task, String field) {
        return errors.stream().filter(e -> task.equals(e.task()) && field.equals(e.field())).findFirst()
                .map(SuiteError::message).orElseThrow(() -> new AssertionError("no error on " + task + "." + field
                        + " in " + errors));
    }
}
