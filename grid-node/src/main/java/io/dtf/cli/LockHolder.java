package io.dtf.cli;

import io.dtf.client.ClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What to tell a reader whose DuckDB file another process holds: which process (a {@code dtf node}, a
 * {@code dtf run}, told from its command line where the system shows it) and how to read anyway.
 */
final class LockHolder {
    private LockHolder() {
    }

    static String advice(Path file, OptionalLong pid) {
        List<String> args = pid.isPresent() ? ProcessHandle.of(pid.getAsLong())
                .flatMap(p -> p.info().arguments()).map(List::of).orElse(List.of()) : List.of();
        String process = pid.isPresent() ? "process " + pid.getAsLong() : "another process";
        String command = argAfter(args, DtfCli.class.getName());
        String held = file + " is held open by ";
        String why = "; DuckDB lets no other process read it meanwhile. ";
        if ("node".equals(command)) {
            return held + "a running DTF node (" + process + ")" + why + "Ask that grid, whose aggregator reads the "
                    + "file for you: add --grid " + address(args);
        }
        if ("run".equals(command)) {
            return held + "a running `dtf run` (" + process + ")" + why + "Its embedded grid takes no readers: read the "
                    + "file when that run has ended.";
        }
        return held + process + why + "If that is a running DTF node, ask its grid: add --grid HOST:PORT (its "
                + "thin-client address, " + ClientOptions.DEFAULT_ADDRESS + " by default); otherwise stop it first.";
    }

    /** The node's thin-client address from its {@code --bind} and {@code --client-port}, else the default's parts. */
    private static String address(List<String> args) {
        String[] fallback = ClientOptions.DEFAULT_ADDRESS.split(":");
        String host = argAfter(args, "--bind");
        String port = argAfter(args, "--client-port");
        return (host != null ? host : fallback[0]) + ":" + (port != null ? port : fallback[1]);
    }

    private static String argAfter(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }
}
