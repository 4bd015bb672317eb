package io.dtf.ci.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds the test classes in a directory of compiled tests the way Surefire does, reading class files
 * only (no test code is loaded or run).
 *
 * <p>A class is a test class when its file matches the patterns, it is neither abstract nor an
 * interface, and it has test methods: JUnit 5 {@code @Test}, {@code @ParameterizedTest},
 * {@code @RepeatedTest}, {@code @TestFactory}, {@code @TestTemplate} (also through annotations of the
 * same tree that carry them), JUnit 4 {@code @Test}, JUnit 3 {@code test*} methods of a
 * {@code junit.framework.TestCase}, declared or inherited from supertypes in the same tree; or its
 * {@code @Nested} classes have some; or it names a JUnit 4 runner ({@code @RunWith}).
 *
 * <p>Requirements: {@code @RequiresHardware} on the class or its supertypes applies to the class; on
 * a test method, to that method ({@link TestClass#methodRequirements()}); on a {@code @Nested} class,
 * its methods, or a method that is no test (e.g. {@code @BeforeEach}), to the whole class, since those
 * run with it. Tags are the class's {@code @Tag}s and its supertypes'.
 *
 * <pre>{@code
 * DiscoveredTests found = TestDiscovery.scan(Path.of("target/test-classes"),
 *         TestFilter.parse(System.getProperty("test")).over(TestPatterns.defaults()));
 * }</pre>
 */
public final class TestDiscovery {
    private static final Set<String> TEST_ANNOTATIONS = Set.of(
            "org.junit.jupiter.api.Test", "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate", "org.junit.jupiter.params.ParameterizedTest", "org.junit.Test");
    private static final String TAG = "org.junit.jupiter.api.Tag";
    private static final String TAGS = "org.junit.jupiter.api.Tags";
    private static final String NESTED = "org.junit.jupiter.api.Nested";
    private static final String RUN_WITH = "org.junit.runner.RunWith";
    private static final String JUNIT3_TEST_CASE = "junit.framework.TestCase";
    static final String REQUIRES_HARDWARE = "io.dtf.annotations.RequiresHardware";

    private final Path root;
    private final TreeMap<String, Path> files = new TreeMap<>();
    private final Map<String, Optional<ClassFileInfo>> read = new HashMap<>();
    private final Map<String, Boolean> testAnnotations = new HashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    private TestDiscovery(Path root) {
        this.root = root;
    }

    /**
     * The test classes under {@code testClasses} that {@code patterns} select; none when the directory
     * does not exist (nothing was compiled).
     *
     * @throws InvalidRequirementException when a {@code @RequiresHardware} cannot be read, naming the
     *                                     class, where the annotation is and what is wrong
     * @throws UncheckedIOException        when the directory cannot be listed
     */
    public static DiscoveredTests scan(Path testClasses, TestPatterns patterns) {
        TestDiscovery discovery = new TestDiscovery(testClasses);
        if (!Files.isDirectory(testClasses)) {
            return new DiscoveredTests(List.of(), List.of());
        }
        discovery.list();
        List<TestClass> found = new ArrayList<>();
        for (String name : discovery.files.keySet()) {
            String classFile = TestPatterns.classFile(name);
            if (patterns.includesClass(classFile)) {
                discovery.testClass(name, patterns, classFile).ifPresent(found::add);
            }
        }
        return new DiscoveredTests(found, List.copyOf(discovery.problems));
    }

    private void list() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p)).forEach(p -> {
                String relative = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                files.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'), p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test classes in " + root + ": " + e.getMessage(), e);
        }
    }

    private Optional<ClassFileInfo> info(String name) {
        return read.computeIfAbsent(name, n -> {
            Path file = files.get(n);
            if (file == null) {
                return Optional.empty();
            }
            try {
                ClassFileInfo info = ClassFileReader.read(file);
                if (!info.name().equals(n)) {
                    problems.add(file + " declares class " + info.name() + ", not " + n + " as its path says");
                    return Optional.empty();
                }
                return Optional.of(info);
            } catch (UnreadableClassFileException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Optional<TestClass> testClass(String name, TestPatterns patterns, String classFile) {
        ClassFileInfo info = info(name).orElse(null);
        if (info == null || info.isAbstract() || info.isInterface()) {
            return Optional.empty();
        }
        List<ClassFileInfo> supertypes = supertypes(info);
        Map<String, ClassFileInfo.Method> methods = methods(supertypes);
        List<String> tests = methods.values().stream().filter(m -> isTest(m, supertypes)).map(ClassFileInfo.Method::signature).toList();
        List<ClassFileInfo> nested = nested(info);
        boolean runner = supertypes.stream().anyMatch(c -> c.annotation(RUN_WITH).isPresent());
        boolean nestedTests = nested.stream().anyMatch(n -> methods(supertypes(n)).values().stream().anyMatch(m -> isTest(m, List.of(n))));
        if (tests.isEmpty() && !nestedTests && !runner) {
            return Optional.empty();
        }

        Set<String> requirements = new LinkedHashSet<>();
        for (ClassFileInfo type : supertypes) {
            String where = type == info ? "the class" : "its supertype " + type.name();
            requirements.addAll(requiresHardware(type.annotations(), name, where));
        }
        Map<String, List<String>> methodRequirements = new LinkedHashMap<>();
        for (ClassFileInfo.Method method : methods.values()) {
            List<String> own = requiresHardware(method.annotations(), name, "method " + method.signature());
            if (tests.contains(method.signature())) {
                List<String> adds = own.stream().filter(r -> !requirements.contains(r)).toList();
                if (!adds.isEmpty()) {
                    methodRequirements.put(method.signature(), adds);
                }
            } else {
                requirements.addAll(own);
            }
        }
        for (ClassFileInfo type : nested) {
            requirements.addAll(requiresHardware(type.annotations(), name, "its @Nested class " + type.name()));
            for (ClassFileInfo.Method method : type.methods()) {
                requirements.addAll(requiresHardware(method.annotations(), name,
                        "method " + method.signature() + " of its @Nested class " + type.name()));
            }
        }
        // A method's requirement that the class now has anyway adds nothing of its own.
        methodRequirements.replaceAll((m, adds) -> adds.stream().filter(r -> !requirements.contains(r)).toList());
        methodRequirements.values().removeIf(List::isEmpty);

        List<String> tags = supertypes.stream().flatMap(t -> tags(t.annotations(), new HashSet<>()).stream()).distinct().toList();
        long bytes = files.subMap(name, true, name + "$\uffff", true).entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "$"))
                .mapToLong(e -> size(e.getValue())).sum();
        TestClass whole = new TestClass(name, tags, List.copyOf(requirements), methodRequirements, bytes, tests,
                nested.stream().map(ClassFileInfo::name).toList(), true);
        if (patterns.wholeClass(classFile)) {
            return Optional.of(whole);
        }
        Predicate<String> runs = patterns.methods(classFile);
        List<String> chosen = tests.stream().filter(m -> runs.test(TestClass.methodName(m))).toList();
        return chosen.isEmpty() ? Optional.empty() : Optional.of(whole.onlyMethods(chosen));
    }

    /** The class, then its superclasses and interfaces found in the tree, nearest first. */
    private List<ClassFileInfo> supertypes(ClassFileInfo info) {
        List<ClassFileInfo> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ClassFileInfo> queue = new ArrayList<>(List.of(info));
        while (!queue.isEmpty()) {
            ClassFileInfo type = queue.remove(0);
            if (!seen.add(type.name())) {
                continue;
            }
            chain.add(type);
            Optional.ofNullable(type.superName()).flatMap(this::info).ifPresent(queue::add);
            type.interfaces().forEach(i -> info(i).ifPresent(queue::add));
        }
        return chain;
    }

    /** Methods by signature, the nearest declaration first: an override without {@code @Test} is no test. */
    private static Map<String, ClassFileInfo.Method> methods(List<ClassFileInfo> supertypes) {
        Map<String, ClassFileInfo.Method> methods = new LinkedHashMap<>();
        for (ClassFileInfo type : supertypes) {
            for (ClassFileInfo.Method method : type.methods()) {
                if (!method.name().startsWith("<")) {
                    methods.putIfAbsent(method.signature(), method);
                }
            }
        }
        return methods;
    }

    private boolean isTest(ClassFileInfo.Method method, List<ClassFileInfo> supertypes) {
        if (method.isStatic() || method.isPrivate() || method.isAbstract()) {
            return false;
        }
        if (method.annotations().stream().anyMatch(a -> isTestAnnotation(a.type(), new HashSet<>()))) {
            return true;
        }
        boolean junit3 = supertypes.stream().anyMatch(t -> JUNIT3_TEST_CASE.equals(t.superName()));
        return junit3 && method.isPublic() && method.name().startsWith("test") && method.parameterTypes().isEmpty()
                && method.returnType().equals("void");
    }

    /** A JUnit test annotation, or an annotation of this tree that carries one (a composed annotation). */
    private boolean isTestAnnotation(String type, Set<String> seen) {
        if (TEST_ANNOTATIONS.contains(type)) {
            return true;
        }
        Boolean known = testAnnotations.get(type);
        if (known != null) {
            return known;
        }
        if (!seen.add(type)) {
            return false;
        }
        boolean composed = info(type).filter(ClassFileInfo::isAnnotation)
                .map(a -> a.annotations().stream().anyMatch(meta -> isTestAnnotation(meta.type(), seen))).orElse(false);
        testAnnotations.put(type, composed);
        return composed;
    }

    /** Its {@code @Nested} classes, and theirs. */
    private List<ClassFileInfo> nested(ClassFileInfo info) {
        List<ClassFileInfo> nested = new ArrayList<>();
        for (String member : info.memberClasses()) {
            info(member).filter(m -> m.annotation(NESTED).isPresent()).ifPresent(m -> {
                nested.add(m);
                nested.addAll(nested(m));
            });
        }
        return nested;
    }

    private List<String> tags(List<ClassFileInfo.Annotation> annotations, Set<String> seen) {
        List<String> tags = new ArrayList<>();
        for (ClassFileInfo.Annotation annotation : annotations) {
            if (annotation.type().equals(TAG) || annotation.type().equals(TAGS)) {
                tags.addAll(annotation.values());
            } else if (seen.add(annotation.type())) {
                info(annotation.type()).filter(ClassFileInfo::isAnnotation).ifPresent(a -> tags.addAll(tags(a.annotations(), seen)));
            }
        }
        return tags;
    }

    private static List<String> requiresHardware(List<ClassFileInfo.Annotation> annotations, String className, String where) {
        return annotations.stream().filter(a -> a.type().equals(REQUIRES_HARDWARE))
                .flatMap(a -> Requirements.checked(a.values().stream().map(String::strip).toList(),
                        className + ": @RequiresHardware on " + where).stream())
                .toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
