package io.dtf.benchmark;

import io.dtf.benchmark.builtin.CountedWorkBenchmark;
import io.dtf.benchmark.builtin.MatmulBenchmark;
import io.dtf.benchmark.builtin.MemoryBandwidthBenchmark;
import io.dtf.benchmark.builtin.NoopBenchmark;
import io.dtf.benchmark.builtin.Sha256Benchmark;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks a worker can run, by name: the built-ins plus every {@link Benchmark} listed in a
 * {@code META-INF/services/io.dtf.benchmark.Benchmark} file on the class path.
 *
 * <pre>{@code
 * Benchmarks benchmarks = Benchmarks.standard();
 * Benchmark matmul = benchmarks.find("matmul").orElseThrow();   // a fresh instance
 * }</pre>
 *
 * <p>It keeps factories, not instances: {@link #find} returns a new instance on every call, since a
 * benchmark holds state between setup and its iterations. A provider whose name is already taken
 * (a built-in's, say) is skipped with a warning, so a name always means the same code on a worker.
 */
public final class Benchmarks {
    private static final Logger LOG = LoggerFactory.getLogger(Benchmarks.class);
    private static final List<Supplier<Benchmark>> BUILT_INS = List.of(
            MatmulBenchmark::new, MemoryBandwidthBenchmark::new, Sha256Benchmark::new, NoopBenchmark::new,
            CountedWorkBenchmark::new);
    // Bounds the walk over a broken services file, whose every entry may fail.
    private static final int MAX_PROVIDER_ERRORS = 100;

    private final Map<String, Supplier<Benchmark>> factories;

    private Benchmarks(Map<String, Supplier<Benchmark>> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The built-ins and the providers visible to the thread's context class loader. */
    public static Benchmarks standard() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : Benchmarks.class.getClassLoader());
    }

    /** The built-ins and the providers visible to {@code loader} (a user jar's loader, say). */
    public static Benchmarks load(ClassLoader loader) {
        Map<String, Supplier<Benchmark>> factories = new LinkedHashMap<>();
        BUILT_INS.forEach(f -> add(factories, f, "built-in"));
        Iterator<ServiceLoader.Provider<Benchmark>> providers = ServiceLoader.load(Benchmark.class, loader)
                .stream().iterator();
        int errors = 0;
        while (errors < MAX_PROVIDER_ERRORS) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<Benchmark> provider = providers.next();
                add(factories, provider::get, provider.type().getName());
            } catch (ServiceConfigurationError | RuntimeException e) {
                // One broken provider must not take the worker's other benchmarks down with it.
                errors++;
                LOG.warn("skipping a benchmark provider: {}", e.getMessage());
            }
        }
        return new Benchmarks(factories);
    }

    /** Exactly the given benchmarks and no others (no built-ins, no providers). */
    public static Benchmarks of(List<Supplier<? extends Benchmark>> factories) {
        Map<String, Supplier<Benchmark>> byName = new LinkedHashMap<>();
        factories.forEach(f -> add(byName, f::get, "given"));
        return new Benchmarks(byName);
    }

    /**
     * Whether this JVM knows a benchmark called {@code name}: a built-in or a provider on its class
     * path (read once, at the first call). Suite validation uses it; a worker with extra benchmark
     * jars may know more names than the JVM that checks a suite.
     */
    public static boolean isKnown(String name) {
        return StandardNames.NAMES.contains(name);
    }

    /** A fresh instance of the benchmark called {@code name}, or empty when there is none. */
    public Optional<Benchmark> find(String name) {
        Supplier<Benchmark> factory = factories.get(name);
        return factory == null ? Optional.empty() : Optional.of(factory.get());
    }

    /** Every known name, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(factories.keySet()));
    }

    private static void add(Map<String, Supplier<Benchmark>> factories, Supplier<Benchmark> factory, String source) {
        // Instantiating once is the only way to learn the name; constructors are cheap by contract.
        String name = factory.get().name();
        if (name == null || name.isBlank()) {
            LOG.warn("skipping benchmark from {}: it has no name", source);
        } else if (factories.putIfAbsent(name, factory) != null) {
            LOG.warn("skipping benchmark '{}' from {}: that name is already taken", name, source);
        }
    }

    // Loaded on first use only: most JVMs that touch this class never ask.
    private static final class StandardNames {
        static final Set<String> NAMES = standard().names();
    }
}
