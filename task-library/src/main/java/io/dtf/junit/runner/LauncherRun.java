package io.dtf.junit.runner;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** One run of the launcher over a {@link RunRequest}; the launcher API used is JUnit Platform 1.0's. */
final class LauncherRun {
    private LauncherRun() {
    }

    /** Runs the request, writing records; answers the JVM's exit code. */
    static int run(RunRequest request, RecordWriter records) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String selector : request.selectors()) {
            DiscoverySelector resolved = resolve(selector, records);
            if (resolved != null) {
                selectors.add(resolved);
            }
        }
        List<Filter<?>> filters = new ArrayList<>();
        try {
            if (!request.includeTags().isEmpty()) {
                filters.add(TagFilter.includeTags(request.includeTags()));
            }
            if (!request.excludeTags().isEmpty()) {
                filters.add(TagFilter.excludeTags(request.excludeTags()));
            }
        } catch (RuntimeException e) { // JUnit's PreconditionViolationException, named by the expression
            records.fatal("a tag expression is not valid: " + e.getMessage());
            return JunitRunnerMain.USAGE;
        }
        if (selectors.isEmpty()) {
            records.end(); // every selector named something missing: each has its record already
            return 0;
        }
        OutputCapture capture = new OutputCapture();
        capture.install();
        try {
            LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors).filters(filters.toArray(new Filter<?>[0])).build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(discovery, new RecordingListener(records, capture));
        } catch (Throwable t) {
            // JUnit lets OutOfMemoryError and other unrecoverable errors through: the running test's
            // record says so from the worker's side, with this record and the stack on stderr.
            records.aborted(t);
            t.printStackTrace();
            return JunitRunnerMain.ABORTED;
        }
        records.end();
        return 0;
    }

    /**
     * The selector for {@code class:}, {@code method:}, {@code package:} or {@code uid:}; null, with a
     * {@code missing} record, for a class or method the class path does not hold (JUnit itself would
     * only log that and run nothing).
     */
    private static DiscoverySelector resolve(String selector, RecordWriter records) {
        int colon = selector.indexOf(':');
        String kind = colon < 0 ? "" : selector.substring(0, colon);
        String value = selector.substring(colon + 1);
        switch (kind) {
            case "class":
                return load(selector, value, null, records) ? DiscoverySelectors.selectClass(value) : null;
            case "method": {
                int hash = value.indexOf('#');
                if (hash < 0) {
                    missing(records, selector, value, null, "IllegalArgumentException",
                            "a method selector is CLASS#METHOD");
                    return null;
                }
                String className = value.substring(0, hash);
                String method = value.substring(hash + 1);
                return load(selector, className, method, records) ? DiscoverySelectors.selectMethod(value) : null;
            }
            case "package":
                return DiscoverySelectors.selectPackage(value);
            case "uid":
                return DiscoverySelectors.selectUniqueId(value);
            default:
                missing(records, selector, selector, null, "IllegalArgumentException",
                        "a selector starts with class:, method:, package: or uid:");
                return null;
        }
    }

    private static boolean load(String selector, String className, String method, RecordWriter records) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            missing(records, selector, className, method, e.getClass().getName(),
                    "class " + className + " is not on the test class path");
            return false;
        } catch (LinkageError e) {
            missing(records, selector, className, method, e.getClass().getName(),
                    "class " + className + " cannot be loaded: " + e);
            return false;
        }
        try {
            Method[] methods = type.getDeclaredMethods(); // loads the types its methods name
            if (method != null) {
                String name = method.contains("(") ? method.substring(0, method.indexOf('(')) : method;
                boolean found = Arrays.stream(methods).anyMatch(m -> m.getName().equals(name))
                        || Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name));
                if (!found) {
                    missing(records, selector, className, method, "java.lang.NoSuchMethodException",
                            "class " + className + " has no method " + name);
                    return false;
                }
            }
        } catch (LinkageError e) {
            // The class is there, but a class it needs is not: a jar of the class path is missing.
            missing(records, selector, className, method, e.getClass().getName(), "class " + className
                    + " needs a class that is not on the test class path: " + e.getMessage());
            return false;
        }
        return true;
    }

    private static void missing(RecordWriter records, String selector, String className, String method, String type,
                                String message) {
        records.write(new JsonLine().put("event", "missing").put("selector", selector).put("class", className)
                .put("method", method).put("type", type).put("message", message));
    }
}
