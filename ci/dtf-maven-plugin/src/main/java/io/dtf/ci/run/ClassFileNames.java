package io.dtf.ci.run;

import io.dtf.ci.plan.TestClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Discovery by class file names alone: every top-level class file the filter accepts is a test class,
 * with no tags or requirements of its own (those need the class files read, so the tag mapping is not
 * used). Its size is the fallback estimate of its duration.
 */
public final class ClassFileNames implements TestDiscovery {
    @Override
    public List<TestClass> discover(Path testClasses, ClassFilter filter, Map<String, List<String>> tagRequirements)
            throws IOException {
        if (!Files.isDirectory(testClasses)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(testClasses)) {
            return files.filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f))
                    .map(f -> testClasses.relativize(f).toString().replace('\\', '/'))
                    .filter(path -> !path.contains("$") && !path.endsWith("module-info.class")
                            && !path.endsWith("package-info.class"))
                    .filter(filter::accepts)
                    .sorted(Comparator.naturalOrder())
                    .map(path -> new TestClass(path.substring(0, path.length() - ".class".length()).replace('/', '.'),
                            List.of(), List.of(), null, size(testClasses.resolve(path))))
                    .toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
