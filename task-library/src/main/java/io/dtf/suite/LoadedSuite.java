package io.dtf.suite;

import io.dtf.artifact.LocalArtifact;
import io.dtf.model.Suite;
import java.util.List;

/**
 * A suite read from a file, with the local files its junit and jmh tasks name: upload
 * {@code artifacts} ({@code DtfClient.upload}) before submitting {@code suite}, whose tasks name them
 * by digest only.
 */
public record LoadedSuite(Suite suite, List<LocalArtifact> artifacts) {
    public LoadedSuite {
        artifacts = List.copyOf(artifacts);
    }
}
