package io.dtf.bench.chaos;

import io.dtf.client.DtfClient;
import io.dtf.model.RunView;
import io.dtf.model.WorkerView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Kills nodes while a run goes on: every {@code interval} a random worker that is up (SIGKILL,
 * then started again once the grid has noticed it left), and once, when {@code coordinatorAt} of
 * the run's tasks have ended, the node hosting the coordinator singleton, unless that is the
 * aggregator's node. Worker kills pause until the coordinator answers again, so that the figures
 * of the two kinds of kill stay apart.
 */
final class ChaosMonkey implements AutoCloseable {
    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(60);

    private final List<RestartableNode> workers;
    private final RestartableNode coordinatorCandidate;
    private final RestartableNode aggregator;
    private final DtfClient client;
    private final Duration interval;
    private final double coordinatorAt;
    private final Random random;
    private final ExecutorService restarts = Executors.newCachedThreadPool();
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> upAgain = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile String broken;
    private volatile CoordinatorKill coordinatorKill;

    /**
     * What the coordinator kill cost.
     *
     * @param apiBack   the first instant a client call succeeded after the kill
     * @param newEpoch  the next coordinator instance starting, from its node's log
     */
    record CoordinatorKill(Kill kill, Instant apiBack, EpochStart newEpoch) {
    }

    ChaosMonkey(List<RestartableNode> workers, RestartableNode coordinatorCandidate, RestartableNode aggregator,
                DtfClient client, Duration interval, double coordinatorAt, long seed) {
        this.workers = List.copyOf(workers);
        this.coordinatorCandidate = coordinatorCandidate;
        this.aggregator = aggregator;
        this.client = client;
        this.interval = interval;
        this.coordinatorAt = coordinatorAt;
        this.random = new Random(seed);
    }

    /** Kills until {@link #close()}; call on a thread of its own. */
    void haunt(String runId) {
        boolean coordinatorDone = false;
        while (!stopped) {
            if (!sleep(interval) || stopped || broken != null) {
                return;
            }
            try {
                RunView view = client.status(runId);
                if (view == null || view.isDone()) {
                    return;
                }
                if (!coordinatorDone && view.done() >= coordinatorAt * view.total()) {
                    coordinatorDone = true;
                    killCoordinator(runId);
                } else {
                    killWorker();
                }
            } catch (RuntimeException e) {
                notes.add("a kill round failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                notes.add("a node's log could not be read: " + e);
            }
        }
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** For each killed node id, when its place's next life was up. */
    Map<String, Instant> upAgain() {
        return Map.copyOf(upAgain);
    }

    /** Why the grid cannot be made whole again (a node did not start), if it cannot; killing has stopped then. */
    Optional<String> broken() {
        return Optional.ofNullable(broken);
    }

    Optional<CoordinatorKill> coordinatorKill() {
        return Optional.ofNullable(coordinatorKill);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private void killWorker() throws InterruptedException {
        List<RestartableNode> up = workers.stream().filter(RestartableNode::isUp).toList();
        if (up.isEmpty()) {
            notes.add("no worker up at " + Instant.now() + ": skipped a kill");
            return;
        }
        RestartableNode victim = up.get(random.nextInt(up.size()));
        String id = victim.nodeId();
        kills.add(new Kill(victim.kill(), victim.name(), id, false));
        restarts.submit(() -> restartWhenGone(victim, id));
    }

    private void killCoordinator(String runId) throws InterruptedException, IOException {
        Optional<EpochStart> candidate = EpochStart.latest(coordinatorCandidate.log());
        Optional<EpochStart> other = EpochStart.latest(aggregator.log());
        long hosting = Math.max(candidate.map(EpochStart::epoch).orElse(0L), other.map(EpochStart::epoch).orElse(0L));
        if (candidate.isEmpty() || candidate.get().epoch() != hosting) {
            notes.add("the coordinator was on the aggregator's node (" + aggregator.name() + "): not killed");
            return;
        }
        Kill kill = new Kill(coordinatorCandidate.kill(), coordinatorCandidate.name(), coordinatorCandidate.nodeId(),
                true);
        kills.add(kill);
        Instant apiBack = null;
        Instant deadline = kill.at().plus(NOTICE_TIMEOUT);
        while (apiBack == null && Instant.now().isBefore(deadline)) {
            try {
                client.status(runId);
                apiBack = Instant.now();
            } catch (RuntimeException moving) {
                Thread.sleep(50);
            }
        }
        EpochStart next = null;
        while (Instant.now().isBefore(deadline)) {
            Optional<EpochStart> e = EpochStart.latest(aggregator.log());
            if (e.isPresent() && e.get().epoch() > hosting) {
                next = e.get();
                break;
            }
            Thread.sleep(50);
        }
        coordinatorKill = new CoordinatorKill(kill, apiBack, next);
        // The new coordinator runs: the killed node has left the grid, so its ports are free again.
        restarts.submit(() -> startAgain(coordinatorCandidate, kill.nodeId()));
    }

    /** Starts the worker again on its ports once the grid has dropped its last life. */
    private Void restartWhenGone(RestartableNode worker, String deadId) throws Exception {
        Instant deadline = Instant.now().plus(NOTICE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                List<String> live = new ArrayList<>(client.workers().stream().map(WorkerView::nodeId).toList());
                if (!live.contains(deadId)) {
                    break;
                }
            } catch (RuntimeException coordinatorMoving) {
                // asked again below
            }
            Thread.sleep(100);
        }
        return startAgain(worker, deadId);
    }

    private Void startAgain(RestartableNode node, String deadId) {
        try {
            node.start();
            upAgain.put(deadId, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            broken = node.name() + " did not start again: " + e.getMessage();
        }
        return null;
    }

    /** False when interrupted. */
    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops killing and waits for the restarts under way, so that the grid is whole again. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        restarts.shutdown();
        if (!restarts.awaitTermination(3, TimeUnit.MINUTES)) {
            notes.add("restarts still under way after 3 minutes");
        }
    }
}
