package io.dtf.ci;

import io.dtf.ci.grid.ForkedJvm;
import io.dtf.ci.grid.GridConnection;
import io.dtf.ci.grid.PortRange;
import io.dtf.ci.ship.Shipment;
import io.dtf.ci.ship.ShipmentPacker;
import io.dtf.ci.ship.WorkInput;
import io.dtf.client.ClientTokens;
import io.dtf.suite.DurationText;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the plugin's goals share: which grid (given, or an embedded one), the token, timeouts, the
 * requirements every task gets, and how the project's files are shipped.
 */
abstract class DtfMojo extends AbstractMojo {
    static final String GRID_ENV = "DTF_GRID";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /**
     * Thin-client addresses of the grid, {@code HOST:PORT[,HOST:PORT...]}; else the environment variable
     * {@code DTF_GRID}; with neither, the goal starts an embedded one-node grid for itself.
     */
    @Parameter(property = "dtf.grid")
    String grid;

    /** The client token for a grid with security on; else the environment variable {@code DTF_TOKEN}. */
    @Parameter(property = "dtf.token")
    String token;

    /** The grid's CA certificate (PEM) for a grid with TLS, {@code KEYS_DIR/tls/ca.pem}. */
    @Parameter(property = "dtf.tlsCa")
    File tlsCa;

    /** How long one task (one JVM on a worker) may take before it is stopped, e.g. {@code 30m}. */
    @Parameter(property = "dtf.timeout", defaultValue = "30m")
    String timeout;

    /** How long the goal waits for all its tasks, queued ones included, before it cancels them and fails. */
    @Parameter(property = "dtf.runTimeout", defaultValue = "2h")
    String runTimeout;

    /**
     * Requirements every task gets, in the suite syntax (e.g. {@code os == linux}, {@code memory >= 8GiB});
     * on the command line separated by commas.
     */
    @Parameter(property = "dtf.requirements")
    List<String> requirements;

    /**
     * Further files or directories, relative to the project's base directory, that tests open by relative
     * path: they are shipped, with {@code src/test/resources}, into the tests' working directory at the
     * same relative paths.
     */
    @Parameter(property = "dtf.inputs")
    List<String> inputs;

    /** Loopback ports the embedded grid may take, {@code LOW-HIGH}; default: any free ones. */
    @Parameter(property = "dtf.embeddedPorts")
    String embeddedPorts;

    /** The process environment, read through here so that tests can give their own. */
    Map<String, String> environment = System.getenv();

    /** The grid's addresses: the parameter, else {@code DTF_GRID}; null for an embedded grid. */
    String gridAddresses() {
        String given = grid != null && !grid.isBlank() ? grid : environment.get(GRID_ENV);
        return given == null || given.isBlank() ? null : given.strip();
    }

    String clientToken() {
        return ClientTokens.resolve(token == null || token.isBlank() ? null : token, null, environment);
    }

    static Duration duration(String parameter, String text) throws MojoExecutionException {
        return DurationText.parse(text == null ? "" : text.strip()).orElseThrow(() -> new MojoExecutionException(
                parameter + ": '" + text + "' is not a duration; " + DurationText.EXAMPLES));
    }

    List<String> commonRequirements() {
        return requirements == null ? List.of() : requirements.stream().map(String::strip).filter(r -> !r.isEmpty())
                .toList();
    }

    /** The project's properties with the session's user properties over them, as Maven evaluates {@code ${...}}. */
    Function<String, String> properties() {
        Properties user = session == null ? new Properties() : session.getUserProperties();
        Properties system = session == null ? System.getProperties() : session.getSystemProperties();
        return name -> {
            String value = user.getProperty(name);
            if (value == null) {
                value = project.getProperties().getProperty(name);
            }
            return value != null ? value : system.getProperty(name);
        };
    }

    /** DTF's own JVMs: the Java running Maven, the plugin's jars. */
    ForkedJvm forkedJvm() {
        Set<Path> jars = new LinkedHashSet<>();
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            jars.add(plugin.getPluginArtifact().getFile().toPath());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null) {
                jars.add(a.getFile().toPath());
            }
        }
        return new ForkedJvm(ForkedJvm.currentJava(), new ArrayList<>(jars), buildDir().resolve("dtf-grid"));
    }

    GridConnection openGrid() throws MojoExecutionException {
        try {
            return GridConnection.open(gridAddresses(), clientToken(), tlsCa == null ? null : tlsCa.toPath(),
                    PortRange.parse(embeddedPorts), forkedJvm(), buildDir().resolve("dtf-grid"), getLog());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Names the class path and working files by digest (packing directories under target/dtf-artifacts). */
    Shipment ship(List<Path> classpath) throws MojoExecutionException {
        List<WorkInput> work = new ArrayList<>();
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        for (Resource r : project.getBuild().getTestResources()) {
            Path dir = base.resolve(r.getDirectory()).normalize();
            if (dir.startsWith(base)) {
                work.add(new WorkInput(dir, r.getIncludes(), r.getExcludes()));
            } else {
                getLog().warn("test resources in " + dir + " are outside the base directory: they are not shipped into"
                        + " the tests' working directory (they are on the class path, in target/test-classes)");
            }
        }
        if (inputs != null) {
            inputs.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).map(WorkInput::all)
                    .forEach(work::add);
        }
        try {
            return new ShipmentPacker(project.getBasedir().toPath(), buildDir(), buildDir().resolve("dtf-artifacts"))
                    .pack(classpath, work);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot pack the project's files for the grid: " + e.getMessage(), e);
        }
    }

    /** The upload, logged as {@code artifacts: 3 of 41 sent (1.2 MiB)}. */
    void upload(GridConnection grid, Shipment shipment) {
        var report = grid.session().upload(shipment.artifacts());
        getLog().info(String.format(Locale.ROOT, "artifacts: %d of %d sent (%.1f MiB)", report.sent(),
                report.artifacts(), report.bytesSent() / (1024.0 * 1024.0)));
    }

    Path buildDir() {
        return Path.of(project.getBuild().getDirectory());
    }
}
