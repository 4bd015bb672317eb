package io.dtf.ci.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test class found in the project's compiled tests, read from its class file without loading it.
 * Methods are written as a JUnit method selector names them: {@code name} for a method without
 * parameters, {@code name(int, java.lang.String)} for one with.
 *
 * @param name         binary name, e.g. {@code com.example.ParserTest}
 * @param tags         its JUnit {@code @Tag} values (class level, with those of its superclasses)
 * @param requirements requirement expressions from {@code @RequiresHardware} on the class and those
 *                     the plugin's tag mapping adds
 * @param methodRequirements per method with {@code @RequiresHardware} of its own: method to the
 *                     requirements it adds
 * @param classFileBytes the size of its class file(s), the fallback estimate of its duration
 * @param testMethods  its test methods, own and inherited (not those of its {@code @Nested} classes)
 * @param nestedClasses binary names of its {@code @Nested} classes, which run with it
 * @param wholeClass   true when the class runs as a whole (one class selector); false when only
 *                     {@code testMethods} run, as after {@code -Dtest=Class#method}
 */
public record TestClass(String name, List<String> tags, List<String> requirements,
                        Map<String, List<String>> methodRequirements, long classFileBytes,
                        List<String> testMethods, List<String> nestedClasses, boolean wholeClass) {
    public TestClass {
        tags = tags == null ? List.of() : List.copyOf(tags);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        methodRequirements = methodRequirements == null ? Map.of() : Map.copyOf(methodRequirements);
        testMethods = testMethods == null ? List.of() : List.copyOf(testMethods);
        nestedClasses = nestedClasses == null ? List.of() : List.copyOf(nestedClasses);
    }

    /** A class that runs as a whole, its methods unknown (as before methods were read). */
    public TestClass(String name, List<String> tags, List<String> requirements,
                     Map<String, List<String>> methodRequirements, long classFileBytes) {
        this(name, tags, requirements, methodRequirements, classFileBytes, List.of(), List.of(), true);
    }

    /** This class with more requirements on the whole class (duplicates dropped, order kept). */
    public TestClass withRequirements(List<String> more) {
        List<String> all = Stream.concat(requirements.stream(), more.stream()).distinct().toList();
        return new TestClass(name, tags, all, methodRequirements, classFileBytes, testMethods, nestedClasses, wholeClass);
    }

    /** This class running only {@code methods} (a subset of its test methods). */
    public TestClass onlyMethods(List<String> methods) {
        return new TestClass(name, tags, requirements, methodRequirements, classFileBytes, methods, List.of(), false);
    }

    /** The method name of a method as written here: {@code name(int)} gives {@code name}. */
    public static String methodName(String method) {
        int paren = method.indexOf('(');
        return paren < 0 ? method : method.substring(0, paren);
    }
}
