package io.dtf.cli;

import io.dtf.audit.AuditAction;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.node.DtfNode;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dtf audit}: who did or tried what on the grid, from the DuckDB file or a running grid's aggregator. */
@Command(name = "audit", description = {"Print the grid's audit log: submissions, cancellations, token use and "
        + "refusals, joins and refused joins, quarantines and releases; the newest entries, oldest first.",
        "Reads the data directory's DuckDB file, or with --grid asks the grid's aggregator (a running node holds its file)."})
final class AuditCommand implements Callable<Integer> {
    /** Longer details are cut in the table (--json has them whole). */
    static final int DETAIL_WIDTH = 160;

    @Mixin
    DataDirOptions data;

    @Mixin
    GridOptions grid;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only entries of the last DURATION, e.g. 1h, 30m, 7d.")
    Duration since;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, or a family of them "
            + "(token: token.use and token.refused). Actions: ${COMPLETION-CANDIDATES}.", completionCandidates = Actions.class)
    String action;

    @Option(names = "--subject", paramLabel = "NAME", description = "Only entries by this subject (a token's subject, "
            + "a node, coordinator, anonymous).")
    String subject;

    @Option(names = "--refused", description = "Only what was refused.")
    boolean refused;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + AuditQuery.DEFAULT_LIMIT,
            description = "At most N entries, the newest (default: ${DEFAULT-VALUE}, at most " + AuditQuery.MAX_LIMIT + ").")
    int limit;

    @Option(names = "--json", description = "JSON instead of a table: every field whole, times in ISO-8601 UTC.")
    boolean json;

    @Override
    public Integer call() {
        AuditQuery query;
        try {
            query = query(Instant.now());
        } catch (IllegalArgumentException e) {
            System.err.println("dtf: " + SafeText.line(e.getMessage()));
            return ExitCodes.USAGE;
        }
        Path file = data.dir().resolve(DtfNode.DUCKDB_FILE);
        if (!grid.given() && !Files.isRegularFile(file)) {
            System.err.println("dtf: no DuckDB file at " + SafeText.line(file.toString())
                    + "; give --data-dir DIR (a node's data directory) or --grid HOST:PORT");
            return ExitCodes.USAGE;
        }
        List<AuditEvent> events;
        try (ResultSource source = ResultSource.open(file, grid)) {
            events = source.audit(query);
            if (events.isEmpty() && !json) {
                System.err.println(SafeText.line("dtf: no audit entries match in " + source.name()));
            }
        } catch (ResultSource.ResultSourceException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        System.out.print(json ? Json.writeReport(events) + "\n" : events.isEmpty() ? "" : table(events));
        return ExitCodes.OK;
    }

    AuditQuery query(Instant now) {
        if (since != null && (since.isNegative() || since.isZero())) {
            throw new IllegalArgumentException("since: give a positive duration such as 1h, not " + since);
        }
        if (action != null && Arrays.stream(AuditAction.values()).map(AuditAction::label)
                .noneMatch(label -> label.equals(action) || label.startsWith(action + "."))) {
            throw new IllegalArgumentException("action: '" + action + "' is not an audit action; use one of "
                    + String.join(", ", new Actions()) + " (or a family such as token)");
        }
        return new AuditQuery(since == null ? null : now.minus(since), action, subject, refused, limit);
    }

    static String table(List<AuditEvent> events) {
        TextTable t = new TextTable("time (UTC)", "action", "outcome", "subject", "node", "detail");
        for (AuditEvent e : events) {
            t.row(e.at() == null ? null : e.at().truncatedTo(ChronoUnit.SECONDS), e.action(),
                    e.allowed() ? "allowed" : "REFUSED", e.subject(), shortNode(e.node()),
                    SafeText.abbreviated(e.detail(), DETAIL_WIDTH));
        }
        return t.toString();
    }

    /** A node id's first 8 characters: enough to tell nodes apart in a table (--json has it whole). */
    private static String shortNode(String node) {
        return node == null || node.length() <= 8 ? node : node.substring(0, 8);
    }

    /** The action labels, for the help and for checking --action. */
    static final class Actions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(AuditAction.values()).map(AuditAction::label).collect(Collectors.toList()).iterator();
        }
    }
}
