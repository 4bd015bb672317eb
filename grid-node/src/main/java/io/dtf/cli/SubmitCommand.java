package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.client.SubmissionRefusedException;
import io.dtf.model.Suite;
import io.dtf.suite.SuiteValidationException;
import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dtf submit SUITE}: hands a suite to a running grid and prints its run id. */
@Command(name = "submit", description = "Submit a suite to a running grid and print the run id (does not wait).")
final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUITE", description = "Suite file (YAML or JSON).")
    Path suiteFile;

    @Mixin
    GridOptions grid;

    @Override
    public Integer call() {
        PackedSuite packed;
        Suite suite;
        try {
            packed = PackedSuite.load(suiteFile);
            suite = packed.suite();
        } catch (SuiteValidationException e) {
            e.errors().forEach(err -> System.err.println(SafeText.line(err.toString())));
            return ExitCodes.INVALID_SUITE;
        }
        try (DtfClient client = grid.connect()) {
            try {
                packed.upload(client, System.err); // stdout is the run id alone
            } catch (IllegalArgumentException e) { // an artifact the grid refused, named
                System.err.println("dtf: " + SafeText.line(e.getMessage()));
                return ExitCodes.INVALID_SUITE;
            }
            System.out.println(client.submit(suite, warning -> System.err.println("dtf: warning: " + SafeText.line(warning))));
            return ExitCodes.OK;
        } catch (SubmissionRefusedException e) {
            e.errors().forEach(err -> System.err.println(SafeText.line(err)));
            return ExitCodes.INVALID_SUITE;
        }
    }
}
