package io.dtf.ci.plan;

import java.util.List;
import java.util.Map;

/**
 * A test class found in the project's compiled tests, read from its class file without loading it.
 *
 * @param name         binary name, e.g. {@code com.example.ParserTest}
 * @param tags         its JUnit {@code @Tag} values (class level)
 * @param requirements requirement expressions from {@code @RequiresHardware} on the class and those
 *                     the plugin's tag mapping adds
 * @param methodRequirements per method with {@code @RequiresHardware} of its own: method name to the
 *                     requirements it adds
 * @param classFileBytes the size of its class file(s), the fallback estimate of its duration
 */
public record TestClass(String name, List<String> tags, List<String> requirements,
                        Map<String, List<String>> methodRequirements, long classFileBytes) {
    public TestClass {
        tags = tags == null ? List.of() : List.copyOf(tags);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        methodRequirements = methodRequirements == null ? Map.of() : Map.copyOf(methodRequirements);
    }
}
