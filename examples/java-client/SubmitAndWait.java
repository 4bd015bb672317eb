import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.suite.SuiteLoader;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Submits a suite to a running grid with the Java client, prints each result as it arrives, and
 * exits 0 when every task passed.
 *
 * <p>Run from the repository root, after `./dtf node` started a grid (and `./dtf` built DTF):
 * <pre>
 * java @config/jvm.args -cp "grid-node/target/grid-node.jar:grid-node/target/lib/*" \
 *     examples/java-client/SubmitAndWait.java 127.0.0.1:10800 examples/quickstart.yaml
 * </pre>
 */
public class SubmitAndWait {
    public static void main(String[] args) throws Exception {
        String grid = args.length > 0 ? args[0] : ClientOptions.DEFAULT_ADDRESS;
        Suite suite = SuiteLoader.load(Path.of(args.length > 1 ? args[1] : "examples/quickstart.yaml"));
        try (DtfClient client = DtfClient.connect(ClientOptions.of(grid))) {
            String runId = client.submit(suite);
            System.out.println("submitted run " + runId);
            RunView done = client.await(runId, Duration.ofMinutes(30), r -> System.out.println(
                    r.status() + " " + r.taskId() + " attempt " + r.attempt() + " on " + r.hwClass()));
            System.out.println(done.passed() ? "all " + done.total() + " tasks passed" : "some tasks failed: " + done.counts());
            System.exit(done.passed() ? 0 : 1);
        }
    }
}
