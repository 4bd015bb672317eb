package io.dtf.ci.classpath;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves {@code org.junit.platform:junit-platform-launcher} at a given version from the project's own
 * repositories, as Surefire does for a project that lacks it. Only the launcher itself: what it needs,
 * {@code junit-platform-engine} of the same version, is the project's already.
 */
public final class LauncherResolver {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public LauncherResolver(RepositorySystem system, RepositorySystemSession session,
                            List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    public Path resolve(String version) {
        String coordinates = JunitPlatform.PLATFORM + ":" + JunitPlatform.LAUNCHER + ":jar:" + version;
        try {
            return system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(coordinates), repositories,
                    null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new IllegalStateException("cannot resolve " + coordinates + " (the launcher of the project's JUnit"
                    + " Platform " + version + "): " + e.getMessage() + "; add it as a test dependency, or check the"
                    + " project's repositories and -o", e);
        }
    }
}
