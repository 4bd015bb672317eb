package io.dtf.worker.command;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's checkpoints, through a file: the command writes its progress to the file named by
 * {@link #FILE_VARIABLE}, and the worker copies every new version of it to the task's
 * {@link CheckpointStore}. When the store holds the state of an earlier attempt, the file starts
 * with that state and {@link #RESUMED_VARIABLE} is {@code 1}.
 *
 * <p>The file lives in a directory of its own per attempt, deleted when the attempt ends. The worker
 * looks at it every {@link #POLL} (a new file, modification time or size means a new version) and
 * once more after the process has exited. A file over {@link #MAX_BYTES} is not saved, and
 * {@link #problem()} says so; the command runs on. Only a regular file is read, never a link or a pipe.
 * A version the store fails to save stops the command ({@link #stoppedBy()}): from then on its
 * progress could not be resumed, and its attempt is an infrastructure failure to retry.
 */
final class CheckpointFile implements AutoCloseable {
    static final String FILE_VARIABLE = "DTF_CHECKPOINT_FILE";
    static final String RESUMED_VARIABLE = "DTF_RESUMED";
    static final int MAX_BYTES = 1 << 20;
    static final Duration POLL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
    // How long the last look waits for a poll still at work (a slow cache write, a hostile file).
    private static final long LAST_LOOK_WAIT_SECONDS = 10;

    /** What identifies one version of the file without reading it: a rename gives a new file key. */
    private record Version(Object fileKey, FileTime modified, long size) {
    }

    private final Path dir;
    private final Path file;
    private final CheckpointStore store;
    private final String taskId;
    private final boolean resumed;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private Version seen;
    private byte[] saved;
    private volatile String problem;
    private volatile String saveFailure;
    private volatile String stoppedBy;

    private CheckpointFile(Path dir, CheckpointStore store, String taskId, byte[] restored) throws IOException {
        this.dir = dir;
        this.file = dir.resolve("checkpoint");
        this.store = store;
        this.taskId = taskId;
        this.resumed = restored != null;
        if (restored != null) {
            Files.write(file, restored);
            saved = restored;
            seen = version().orElse(null);
        }
    }

    /**
     * Makes the attempt's directory and, when the store holds earlier state, the file with it.
     *
     * @throws CheckpointException when the store cannot read that state: the command must not start
     *                             as if nothing had been saved
     */
    static CheckpointFile open(CheckpointStore store, String taskId) throws IOException {
        Path dir = Files.createTempDirectory("dtf-attempt-");
        try {
            return new CheckpointFile(dir, store, taskId, store.load().orElse(null));
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Sets the variables the command reads. */
    void export(Map<String, String> env) {
        env.put(FILE_VARIABLE, file.toString());
        if (resumed) {
            env.put(RESUMED_VARIABLE, "1");
        } else {
            env.remove(RESUMED_VARIABLE); // the worker's own environment must not fake a resume
        }
    }

    /**
     * Starts watching the file while the command runs; without a store there is nothing to watch for.
     *
     * @param stopCommand run once when the store fails to save a version while the command runs: the
     *                    command is stopped, since nothing it does from then on could be resumed
     */
    void watch(Runnable stopCommand) {
        if (store == CheckpointStore.NONE) {
            return;
        }
        Thread poller = new Thread(() -> {
            try {
                while (!stopped.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    look();
                    if (saveFailure != null) {
                        stoppedBy = saveFailure;
                        stopCommand.run();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dtf-checkpoint-" + taskId);
        poller.setDaemon(true);
        poller.start();
    }

    /** Why a version of the file was not saved, if one was not: a note for the attempt's stderr. */
    String problem() {
        return problem;
    }

    /** The failed save that stopped the command while it ran, if one did. */
    Optional<String> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    /** Stops watching, saves the file's last version, and deletes the attempt's directory; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopped.countDown();
        if (store != CheckpointStore.NONE) {
            // The attempt may have been cancelled: its last progress is still worth keeping.
            boolean interrupted = Thread.interrupted();
            try {
                if (lock.tryLock(LAST_LOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    try {
                        look();
                        if (saveFailure != null && stoppedBy == null) {
                            problem = "the checkpoint's last version was not saved: " + saveFailure;
                        }
                    } finally {
                        lock.unlock();
                    }
                } else {
                    LOG.warn("task {}: the checkpoint file's last version was not saved: an earlier save is still"
                            + " at work", taskId);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        deleteTree(dir);
    }

    /** Saves the file when it is a version not seen before. */
    private void look() {
        lock.lock();
        try {
            Version now = version().orElse(null);
            if (now == null || now.equals(seen)) {
                return;
            }
            seen = now;
            if (now.size() > MAX_BYTES) {
                refuse(now.size());
                return;
            }
            byte[] content = read();
            if (content.length > MAX_BYTES) {
                refuse(content.length); // it grew between the look and the read
                return;
            }
            if (!Arrays.equals(content, saved) && store.save(content)) {
                saved = content;
            }
        } catch (IOException e) {
            LOG.debug("task {}: checkpoint file not read: {}", taskId, e.toString()); // replaced meanwhile: next look
        } catch (CheckpointException e) {
            if (saveFailure == null) {
                saveFailure = e.getMessage();
            }
        } finally {
            lock.unlock();
        }
    }

    /** At most one byte more than the limit: the file may grow between the look and the read. */
    private byte[] read() throws IOException {
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int room = MAX_BYTES + 1;
            int n;
            while (room > 0 && (n = in.read(buffer, 0, Math.min(buffer.length, room))) > 0) {
                out.write(buffer, 0, n);
                room -= n;
            }
            return out.toByteArray();
        }
    }

    private Optional<Version> version() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!a.isRegularFile()) {
            if (problem == null) {
                problem = "checkpoint not saved: " + FILE_VARIABLE + " is not a regular file";
                LOG.warn("task {}: {}", taskId, problem);
            }
            return Optional.empty();
        }
        return Optional.of(new Version(a.fileKey(), a.lastModifiedTime(), a.size()));
    }

    private void refuse(long size) {
        String message = "checkpoint not saved: " + FILE_VARIABLE + " holds " + size + " bytes, more than the "
                + MAX_BYTES + " allowed";
        if (!Objects.equals(problem, message)) {
            LOG.warn("task {}: {}", taskId, message);
        }
        problem = message;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }
}
