package io.dtf.bench;

import io.dtf.protocol.JobReply;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.ResultSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.security.signing.NodeKey;
import io.dtf.security.signing.Ecdsa;
import io.dtf.security.signing.ReportBytes;
import io.dtf.security.signing.ReportSigner;
import io.dtf.security.signing.ReportVerifier;
import io.dtf.wire.Json;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The CPU cost of signed results per result, against no signing, in one run on one thread: what a
 * result costs on its way without signing (the reply as JSON on the worker, read on the
 * coordinator, the result as JSON into the cache and read by the aggregator), and what signing adds
 * (the worker signs; the coordinator and the aggregator each verify). The three ways are measured
 * in turns, round after round, so that they share the machine's state.
 *
 * <p>Signed twice: with the JDK's provider and with BouncyCastle's, the one nodes use
 * ({@code Ecdsa.preferred()}).
 *
 * <pre>
 * benchmarks/run-signing.sh [rounds=5]
 * </pre>
 */
public final class SigningBenchmark {
    private static final int PER_ROUND = 500;
    private static final String NODE = "0b3c1e6e-52bb-4f55-9d5e-0a1f3c2d4e5f";

    private SigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (String size : List.of("small", "large")) {
            AttemptOutcome outcome = outcome(size);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Provider bc = Ecdsa.preferred();
            if (bc == null) {
                throw new IllegalStateException("BouncyCastle is not on the class path");
            }
            JobReply unsigned = new JobReply("run-1/t1", "1:1", NODE, "linux-x86_64", outcome);
            Map<String, IntConsumer> ways = new LinkedHashMap<>();
            ways.put("unsigned", i -> {
                JobReply reply = Json.read(Json.write(unsigned), JobReply.class);
                Json.read(Json.write(result(reply, null)), TaskResult.class);
            });
            ways.put("signed, JDK provider", signed(unsigned, keys, null));
            ways.put("signed, BouncyCastle", signed(unsigned, keys, bc));
            // Warm-up: every way, long enough for the JIT.
            for (IntConsumer way : ways.values()) {
                long until = System.nanoTime() + 2_000_000_000L;
                for (int i = 0; System.nanoTime() < until; i++) {
                    way.accept(i);
                }
            }
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, IntConsumer> way : ways.entrySet()) {
                    long start = System.nanoTime();
                    IntStream.range(0, PER_ROUND).forEach(way.getValue());
                    micros.computeIfAbsent(way.getKey(), k -> new ArrayList<>())
                            .add((System.nanoTime() - start) / 1e3 / PER_ROUND);
                }
            }
            double base = median(micros.get("unsigned"));
            System.out.printf(Locale.ROOT, "%s report (%d bytes signed, %d samples, %d chars of output):%n", size,
                    ReportBytes.of("run-1/t1", "1:1", NODE, "linux-x86_64", outcome).length,
                    outcome.metrics().stream().mapToInt(m -> m.samples().size()).sum(),
                    outcome.stdoutTail().length());
            micros.forEach((way, values) -> System.out.printf(Locale.ROOT,
                    "  %-21s median %8.1f us per result (rounds %s), %6.0f results/s per core, +%.1f us over unsigned%n",
                    way, median(values), values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(),
                    1e6 / median(values), median(values) - base));
        }
    }

    /** The worker signs; the coordinator verifies the reply, the aggregator the stored result. */
    private static IntConsumer signed(JobReply unsigned, KeyPair keys, Provider provider) {
        ReportSigner worker = new ReportSigner(keys, provider);
        NodeKey registered = NodeKey.of(NODE, worker.publicKeyText(), Instant.now());
        ReportVerifier coordinator = new ReportVerifier(id -> registered, true, provider);
        ReportVerifier aggregator = new ReportVerifier(id -> registered, true, provider);
        return i -> {
            JobReply reply = Json.read(Json.write(unsigned.signedWith(worker)), JobReply.class);
            check(coordinator.refusal(reply.taskKey(), reply.attemptId(), reply.nodeId(), reply.hwClass(),
                    reply.outcome(), reply.signature()).isEmpty());
            TaskResult stored = Json.read(Json.write(result(reply, ResultSignature.of(reply.attemptId(),
                    reply.outcome().status(), reply.signature()))), TaskResult.class);
            check(aggregator.refusal(stored).isEmpty());
        };
    }

    private static AttemptOutcome outcome(String size) {
        Instant now = Instant.now();
        if (size.equals("small")) { // a noop benchmark's report
            return new AttemptOutcome(TaskState.PASSED, now, now.plusMillis(3), null,
                    List.of(new Metric("time", "ms", List.of(0.012, 0.011, 0.013, 0.012, 0.012))), "", "", null);
        }
        List<Metric> metrics = IntStream.range(0, 10).mapToObj(m -> new Metric("m" + m, "ms",
                IntStream.range(0, 100).mapToObj(s -> 1.0 + s * 0.001 + m).toList())).toList();
        return new AttemptOutcome(TaskState.PASSED, now, now.plusSeconds(5), 0, metrics, "x".repeat(64 * 1024), "",
                null);
    }

    private static TaskResult result(JobReply reply, ResultSignature signature) {
        AttemptOutcome o = reply.outcome();
        return new TaskResult(1, "run-1", "suite", "t1", "t1", Map.of(), 1, true, o.status(), o.startedAt(),
                o.endedAt(), reply.nodeId(), reply.hwClass(), o.exitCode(), o.metrics(), o.stdoutTail(),
                o.stderrTail(), o.error(), o.category(), "final", signature);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a good report did not verify");
        }
    }
}
