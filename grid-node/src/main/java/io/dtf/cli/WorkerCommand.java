package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.model.Alert;
import io.dtf.model.WorkerView;
import io.dtf.wire.SafeText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dtf worker list|release NODE}: the grid's workers, and ending a worker's quarantine. */
@Command(name = "worker", description = "List the grid's workers, or release one from quarantine.",
        subcommands = {WorkerCommand.ListWorkers.class, WorkerCommand.Release.class})
final class WorkerCommand {

    @Command(name = "list", description = "Live workers with their host, addresses, load, failure streak and quarantine, "
            + "reports refused (bad signatures), then recent alerts.")
    static final class ListWorkers implements Callable<Integer> {
        @Mixin
        GridOptions grid;

        @Override
        public Integer call() {
            try (DtfClient client = grid.connect()) {
                TextTable table = new TextTable("node", "host", "addresses", "hardware class", "busy", "failure streak",
                        "quarantined until", "why", "refused reports");
                for (WorkerView w : client.workers()) {
                    table.row(w.nodeId(), w.host(), w.addresses().isEmpty() ? null : String.join(",", w.addresses()),
                            w.hwClass(), w.busy() + "/" + w.slots(), w.failureStreak(), w.quarantinedUntil(),
                            w.quarantineReason(), w.refusedReports());
                }
                System.out.print(table);
                List<Alert> alerts = client.alerts();
                if (!alerts.isEmpty()) {
                    System.out.println("alerts:");
                    alerts.forEach(a -> System.out.println("  " + a.at() + " " + SafeText.line(a.subject() + ": " + a.message())));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "release", description = "Let a quarantined worker take work again at once.")
    static final class Release implements Callable<Integer> {
        @Parameters(paramLabel = "NODE", description = "The worker's node id, or a prefix of it that is unique"
                + " (as `dtf status` shows).")
        String node;

        @Mixin
        GridOptions grid;

        @Override
        public Integer call() {
            try (DtfClient client = grid.connect()) {
                List<String> matches = client.workers().stream().map(WorkerView::nodeId)
                        .filter(id -> id.startsWith(node)).toList();
                if (matches.size() != 1) {
                    System.err.println("dtf: " + (matches.isEmpty() ? "no live worker's id starts with '" + node + "'"
                            : "'" + node + "' matches " + matches.size() + " workers: " + matches
                            + "; give more of the id") + "; `dtf worker list` shows them");
                    return ExitCodes.USAGE;
                }
                System.out.println(SafeText.line(client.release(matches.get(0))));
                return ExitCodes.OK;
            }
        }
    }
}
