package io.dtf.ci.run;

import io.dtf.ci.surefire.SurefireSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compiled classes are tests to run, as Surefire decides: the project's includes and excludes, or,
 * when {@code -Dtest} is given, its patterns instead (Surefire's syntax: comma-separated class patterns,
 * {@code !} to exclude, {@code Class#method} or {@code Class#m1+m2} for single methods).
 */
public final class ClassFilter {
    private final List<ClassPattern> includes = new ArrayList<>();
    private final List<ClassPattern> excludes = new ArrayList<>();
    /** Per {@code -Dtest} pattern naming methods: the methods it selects. */
    private final Map<ClassPattern, Set<String>> methods = new LinkedHashMap<>();
    private final boolean specified;

    private ClassFilter(boolean specified) {
        this.specified = specified;
    }

    /** The filter for a project's settings and the {@code test} parameter (null or blank: not given). */
    public static ClassFilter of(SurefireSettings settings, String test) {
        if (test == null || test.isBlank()) {
            ClassFilter filter = new ClassFilter(false);
            settings.includes().forEach(p -> filter.includes.add(ClassPattern.of(p)));
            settings.excludes().forEach(p -> filter.excludes.add(ClassPattern.of(p)));
            return filter;
        }
        ClassFilter filter = new ClassFilter(true);
        for (String part : test.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean exclude = p.startsWith("!");
            if (exclude) {
                p = p.substring(1).strip();
            }
            int hash = p.indexOf('#');
            String classPart = hash < 0 ? p : p.substring(0, hash);
            ClassPattern pattern = ClassPattern.of(classPart.isEmpty() ? "**/*" : classPart);
            if (exclude) {
                if (hash >= 0) {
                    throw new IllegalArgumentException("test: '!" + p + "' excludes methods, which is not supported;"
                            + " exclude whole classes with !Class");
                }
                filter.excludes.add(pattern);
                continue;
            }
            filter.includes.add(pattern);
            if (hash >= 0) {
                Set<String> names = new LinkedHashSet<>();
                for (String m : p.substring(hash + 1).split("\\+")) {
                    if (m.isBlank()) {
                        continue;
                    }
                    if (m.contains("*") || m.contains("?") || m.startsWith("%regex")) {
                        throw new IllegalArgumentException("test: method pattern '" + m + "' in '" + part.strip()
                                + "' is not supported; name methods exactly, e.g. -Dtest=ParserTest#parsesEmpty+parsesOne");
                    }
                    names.add(m.strip());
                }
                filter.methods.put(pattern, names);
            }
        }
        if (filter.includes.isEmpty()) {
            filter.includes.add(ClassPattern.of("**/*"));
            SurefireSettings.DEFAULT_EXCLUDES.forEach(e -> filter.excludes.add(ClassPattern.of(e)));
        }
        return filter;
    }

    /** Whether {@code -Dtest} chose the tests (then finding none is an error, as in Surefire). */
    public boolean specified() {
        return specified;
    }

    /** Whether the class file at {@code classPath} (e.g. {@code com/example/ParserTest.class}) is a test to run. */
    public boolean accepts(String classPath) {
        return includes.stream().anyMatch(p -> p.matches(classPath)) && excludes.stream().noneMatch(p -> p.matches(classPath));
    }

    /**
     * The methods of class {@code className} that {@code -Dtest} names; empty when the whole class runs
     * (also when another pattern takes the whole class).
     */
    public Set<String> methods(String className) {
        String path = className.replace('.', '/') + ".class";
        Set<String> names = new LinkedHashSet<>();
        for (ClassPattern include : includes) {
            if (!include.matches(path)) {
                continue;
            }
            Set<String> some = methods.get(include);
            if (some == null) {
                return Set.of();
            }
            names.addAll(some);
        }
        return names;
    }
}
