package io.dtf.ci.ship;

import io.dtf.artifact.LocalArtifact;
import io.dtf.model.ArtifactRef;
import java.util.List;

/**
 * What a goal sends to the grid: the class path of the JVMs it starts, in order, and the tree unpacked
 * as their working directory.
 *
 * @param classpath the class path's artifacts, in class path order
 * @param workdir   the working directory's tree; null when there is nothing to put in it
 * @param artifacts every artifact to upload (class path and working directory)
 */
public record Shipment(List<ArtifactRef> classpath, ArtifactRef workdir, List<LocalArtifact> artifacts) {
    public Shipment {
        classpath = List.copyOf(classpath);
        artifacts = List.copyOf(artifacts);
    }
}
