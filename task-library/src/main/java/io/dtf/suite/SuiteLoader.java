package io.dtf.suite;

import io.dtf.model.CommandAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads suite files (YAML or JSON) into {@link Suite}s of expanded tasks, refusing an invalid file
 * as a whole with every error in it. The format is described in docs/SUITE-FORMAT.md.
 *
 * <pre>{@code
 * try {
 *     Suite suite = SuiteLoader.load(Path.of("examples/quickstart.yaml"), Benchmarks.standard().names());
 *     client.submit(suite);
 * } catch (SuiteValidationException e) {
 *     e.errors().forEach(System.err::println);      // quickstart.yaml: task 'sha256' (#2), field ...
 *     System.exit(SuiteValidationException.EXIT_CODE);
 * }
 * }</pre>
 *
 * <p>Benchmark names are accepted as written unless the caller passes the names (or a check) of the
 * benchmarks that exist; then an unknown one is an error.
 */
public final class SuiteLoader {
    private SuiteLoader() {
    }

    /** Reads a suite file; every benchmark name is accepted. */
    public static Suite load(Path file) {
        return load(file, BenchmarkCheck.ANY);
    }

    /** Reads a suite file; a benchmark not in {@code knownBenchmarks} is an error that lists them. */
    public static Suite load(Path file, Collection<String> knownBenchmarks) {
        return load(file, BenchmarkCheck.of(knownBenchmarks));
    }

    /** Reads a suite file; a benchmark for which {@code knownBenchmark} is false is an error. */
    public static Suite load(Path file, Predicate<String> knownBenchmark) {
        return load(file, BenchmarkCheck.of(knownBenchmark));
    }

    /**
     * Reads a suite file with the local files its {@code junit} and {@code jmh} tasks name (class paths
     * and working folders, relative to the suite file's folder): files are hashed, folders packed into
     * zips under {@code packInto}; the suite names them by digest only.
     *
     * <pre>{@code
     * LoadedSuite loaded = SuiteLoader.loadWithArtifacts(Path.of("tests.yaml"), name -> true, Path.of("target/dtf-packed"));
     * client.upload(loaded.artifacts());                // only what the grid lacks travels
     * client.submit(loaded.suite());
     * }</pre>
     */
    public static LoadedSuite loadWithArtifacts(Path file, Predicate<String> knownBenchmark, Path packInto) {
        return load(file, BenchmarkCheck.of(knownBenchmark), () -> packInto);
    }

    /** Reads suite text; {@code sourceName} names it in errors (a file name, "request body"). */
    public static Suite parse(String text, String sourceName) {
        return parse(text, sourceName, BenchmarkCheck.ANY);
    }

    public static Suite parse(String text, String sourceName, Collection<String> knownBenchmarks) {
        return parse(text, sourceName, BenchmarkCheck.of(knownBenchmarks));
    }

    public static Suite parse(String text, String sourceName, Predicate<String> knownBenchmark) {
        return parse(text, sourceName, BenchmarkCheck.of(knownBenchmark));
    }

    /**
     * Folders of junit and jmh tasks are packed into a temporary folder, only to learn their digests: it
     * is gone on return (upload needs {@link #loadWithArtifacts}).
     */
    private static Suite load(Path file, BenchmarkCheck benchmarks) {
        Path[] temp = new Path[1];
        try {
            return load(file, benchmarks, () -> {
                if (temp[0] == null) {
                    try {
                        temp[0] = Files.createTempDirectory("dtf-packed-");
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create a temporary folder to pack into", e);
                    }
                }
                return temp[0];
            }).suite();
        } finally {
            if (temp[0] != null) {
                try (Stream<Path> files = Files.walk(temp[0])) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a leftover temporary folder is no reason to fail the load
                }
            }
        }
    }

    private static LoadedSuite load(Path file, BenchmarkCheck benchmarks, Supplier<Path> packInto) {
        String source = file.toString();
        SuiteErrors errors = new SuiteErrors(source);
        try {
            long size = Files.size(file);
            if (size > SuiteLimits.MAX_FILE_BYTES) {
                throw tooLarge(errors, size);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            Path folder = file.toAbsolutePath().getParent();
            SuiteArtifacts artifacts = SuiteArtifacts.under(folder, packInto);
            Suite suite = parse(text, source, benchmarks, artifacts);
            return new LoadedSuite(suite, artifacts.artifacts());
        } catch (NoSuchFileException e) {
            throw errors.fatal(null, "no such file");
        } catch (CharacterCodingException e) {
            throw errors.fatal(null, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw errors.fatal(null, "cannot read the file: " + e.getMessage());
        }
    }

    private static Suite parse(String text, String sourceName, BenchmarkCheck benchmarks) {
        return parse(text, sourceName, benchmarks, SuiteArtifacts.none());
    }

    private static Suite parse(String text, String sourceName, BenchmarkCheck benchmarks, SuiteArtifacts artifacts) {
        SuiteErrors errors = new SuiteErrors(sourceName);
        long size = utf8Length(text);
        if (size > SuiteLimits.MAX_FILE_BYTES) {
            throw tooLarge(errors, size);
        }
        SuiteReader.Draft draft = SuiteReader.read(DocumentReader.read(text, errors), benchmarks, artifacts,
                errors);
        List<TaskSpec> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TaskEntry entry : draft.entries()) {
            for (TaskSpec task : MatrixExpansion.expand(entry)) {
                Optional<String> badId = SuiteCheck.idError(task.id());
                if (badId.isPresent()) {
                    errors.add(entry.name(), entry.position(), entry.params().isEmpty() ? "name" : "params",
                            badId.get());
                    break;
                }
                // After expansion: a parameter value can make a workdir leave the attempt's directory.
                if (task.action() instanceof CommandAction c) {
                    Optional<String> badWorkdir = SuitePaths.workdirError(c.workdir());
                    if (badWorkdir.isPresent()) {
                        errors.add(entry.name(), entry.position(), "workdir", badWorkdir.get());
                        break;
                    }
                }
                // Only parameter values that themselves contain ',' or '=' can make two ids equal.
                if (!ids.add(task.id())) {
                    errors.add(entry.name(), entry.position(), "params", "two expansions get the same id '"
                            + SuiteErrors.echo(task.id()) + "'; avoid ',' and '=' in parameter values");
                }
                tasks.add(task);
            }
        }
        errors.throwIfAny();
        return new Suite(draft.name(), tasks);
    }

    private static SuiteValidationException tooLarge(SuiteErrors errors, long size) {
        return errors.fatal(null, "the file is " + Quantity.bytes(size) + " (" + size + " bytes); the limit is "
                + Quantity.bytes(SuiteLimits.MAX_FILE_BYTES) + " (split the suite, or use params for repetitive tasks)");
    }

    /** Bytes in UTF-8 without encoding the text: a 4 MiB limit must not cost a copy of 4 MiB. */
    private static long utf8Length(String text) {
        if (text.length() > SuiteLimits.MAX_FILE_BYTES) {
            return text.length(); // at least one byte per char: already over the limit
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
