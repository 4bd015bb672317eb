package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requirements that JUnit tags stand for, from the plugin's configuration:
 * <pre>{@code
 * <tagRequirements>
 *   <gpu>gpu.count >= 1</gpu>
 *   <bigmem>memory >= 64GiB; os == linux</bigmem>
 * </tagRequirements>
 * }</pre>
 * A value may hold several requirements, separated by {@code ;} or line breaks; a class tagged
 * {@code gpu} then needs them all, in addition to its own {@code @RequiresHardware}.
 */
public final class TagRequirements {
    private final Map<String, List<String>> byTag;

    private TagRequirements(Map<String, List<String>> byTag) {
        this.byTag = byTag;
    }

    /** No mapping. */
    public static TagRequirements none() {
        return new TagRequirements(Map.of());
    }

    /**
     * Reads the configuration's map of tag to requirements.
     *
     * @throws InvalidRequirementException naming the tag and the requirement that cannot be read
     */
    public static TagRequirements parse(Map<String, String> configured) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        if (configured != null) {
            configured.forEach((tag, value) -> {
                List<String> requirements = new ArrayList<>();
                for (String line : (value == null ? "" : value).split("[;\\r\\n]+")) {
                    if (!line.isBlank()) {
                        requirements.add(line.strip());
                    }
                }
                if (requirements.isEmpty()) {
                    throw new InvalidRequirementException("tagRequirements: tag '" + tag
                            + "' maps to no requirement; write e.g. <" + tag + ">gpu.count >= 1</" + tag + ">", null);
                }
                byTag.put(tag, Requirements.checked(requirements, "tagRequirements: tag '" + tag + "'"));
            });
        }
        return new TagRequirements(Map.copyOf(byTag));
    }

    /** Tag to its requirements. */
    public Map<String, List<String>> asMap() {
        return byTag;
    }

    /** The class with the requirements its tags stand for added to its own. */
    public TestClass applyTo(TestClass testClass) {
        List<String> more = testClass.tags().stream().flatMap(t -> byTag.getOrDefault(t, List.of()).stream()).toList();
        return more.isEmpty() ? testClass : testClass.withRequirements(more);
    }

    /** {@link #applyTo(TestClass)} for every class. */
    public List<TestClass> applyTo(List<TestClass> testClasses) {
        return testClasses.stream().map(this::applyTo).toList();
    }
}
