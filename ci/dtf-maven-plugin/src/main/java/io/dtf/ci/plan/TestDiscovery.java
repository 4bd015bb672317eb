package io.dtf.ci.plan;

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
import java.util.function.Predicate;

/**
 * Finds the test classes in a directory of compiled tests the way Surefire does, reading class files
 * only (no test code is loaded or run).
 *
 * <p>A class is a test class when its file matches the patterns, it is neither abstract nor an
 * interface, and it has test methods: JUnit 5 {@code @Test}, {@code @ParameterizedTest},
 * {@code @RepeatedTest}, {@code @TestFactory}, {@code @TestTemplate} (also through composed
 * annotations that carry them), JUnit 4 {@code @Test}, JUnit 3 {@code test*} methods of a
 * {@code junit.framework.TestCase}, declared or inherited; or its {@code @Nested} classes have some;
 * or it names a JUnit 4 runner ({@code @RunWith}). Supertypes and annotation types are read from the
 * test classes and the test class path given; one that is on neither counts as having no tests.
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

    /** Packages whose classes are never tests nor carry test annotations of a project: not looked up. */
    private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "kotlin.", "scala.",
            "org.junit.", "junit.", "org.apiguardian.", "org.opentest4j.");

    private final ClassFiles files;
    private final Map<String, Boolean> testAnnotations = new HashMap<>();

    private TestDiscovery(ClassFiles files) {
        this.files = files;
    }

    /**
     * The test classes under {@code testClasses} that {@code patterns} select, their supertypes and
     * annotation types read from that directory only.
     *
     * @see #scan(Path, TestPatterns, List)
     */
    public static DiscoveredTests scan(Path testClasses, TestPatterns patterns) {
        return scan(testClasses, patterns, List.of());
    }

    /**
     * The test classes under {@code testClasses} that {@code patterns} select; none when the directory
     * does not exist (nothing was compiled). Supertypes and annotation types not in the directory are
     * read from {@code classpath} (the test class path: the project's classes and its dependencies'
     * jars), so that tests inherited from a base class in a test jar are found.
     *
     * @throws InvalidRequirementException when a {@code @RequiresHardware} cannot be read, naming the
     *                                     class, where the annotation is and what is wrong
     * @throws UncheckedIOException        when the directory cannot be listed
     */
    public static DiscoveredTests scan(Path testClasses, TestPatterns patterns, List<Path> classpath) {
        if (!Files.isDirectory(testClasses)) {
            return new DiscoveredTests(List.of(), List.of());
        }
        try (ClassFiles files = new ClassFiles(testClasses, classpath == null ? List.of() : classpath)) {
            TestDiscovery discovery = new TestDiscovery(files);
            List<TestClass> found = new ArrayList<>();
            for (String name : files.treeClasses()) {
                String classFile = TestPatterns.classFile(name);
                if (patterns.includesClass(classFile)) {
                    discovery.testClass(name, patterns, classFile).ifPresent(found::add);
                }
            }
            return new DiscoveredTests(found, files.problems());
        }
    }

    private Optional<ClassFileInfo> info(String name) {
        if (name == null || !files.treeClasses().contains(name) && PLATFORM.stream().anyMatch(name::startsWith)) {
            return Optional.empty();
        }
        return files.info(name);
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
        boolean nestedTests = nested.stream().map(this::supertypes)
                .anyMatch(types -> methods(types).values().stream().anyMatch(m -> isTest(m, types)));
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
        long bytes = files.bytesWithInnerClasses(name);
        TestClass whole = new TestClass(name, tags, List.copyOf(requirements), methodRequirements, bytes, tests,
                nested.stream().map(ClassFileInfo::name).toList(), true);
        if (patterns.wholeClass(classFile)) {
            return Optional.of(whole);
        }
        Predicate<String> runs = patterns.methods(classFile);
        List<String> chosen = tests.stream().filter(m -> runs.test(TestClass.methodName(m))).toList();
        return chosen.isEmpty() ? Optional.empty() : Optional.of(whole.onlyMethods(chosen));
    }

    /** The class, then its superclasses and interfaces that can be read, nearest first. */
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
            info(type.superName()).ifPresent(queue::add);
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

    /**
     * A bridge method (javac's, for an override with narrower generic types) carries its target's
     * annotations but is no test; it still hides the superclass method it overrides.
     */
    private boolean isTest(ClassFileInfo.Method method, List<ClassFileInfo> supertypes) {
        if (method.isStatic() || method.isPrivate() || method.isAbstract() || method.isSynthetic()) {
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
}
