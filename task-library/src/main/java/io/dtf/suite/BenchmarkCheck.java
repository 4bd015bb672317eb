package io.dtf.suite;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which benchmark names a suite may use. The registry lives with the workers, so the caller
 * supplies it; {@code names} (possibly empty) is only for listing the valid ones in an error.
 */
record BenchmarkCheck(Predicate<String> known, List<String> names) {
    /** Accepts every name: the check happens where the benchmark runs. */
    static final BenchmarkCheck ANY = new BenchmarkCheck(name -> true, List.of());

    BenchmarkCheck {
        names = List.copyOf(names);
    }

    static BenchmarkCheck of(Collection<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        return new BenchmarkCheck(sorted::contains, sorted);
    }

    static BenchmarkCheck of(Predicate<String> known) {
        return new BenchmarkCheck(known, List.of());
    }
}
