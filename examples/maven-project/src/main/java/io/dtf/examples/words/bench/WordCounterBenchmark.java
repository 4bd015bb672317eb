package io.dtf.examples.words.bench;

import io.dtf.examples.words.WordCounter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Word counting on texts of two sizes. The settings are short so that the example runs in seconds;
 * JMH options given to the plugin (or on JMH's command line) override them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class WordCounterBenchmark {
    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog, and the dog doesn't mind. ";

    @Param({"10", "1000"})
    int sentences;

    private String text;

    @Setup
    public void makeText() {
        text = SENTENCE.repeat(sentences);
    }

    @Benchmark
    public int count() {
        return WordCounter.count(text);
    }

    @Benchmark
    public Map<String, Integer> top() {
        return WordCounter.top(text, 3);
    }
}
