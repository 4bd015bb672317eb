package io.dtf.artifact;

import io.dtf.model.ArtifactRef;
import java.nio.file.Path;

/**
 * An artifact on the submitter's disk: its reference, and the file whose bytes are the artifact (a
 * jar itself, or the zip a directory was packed into).
 */
public record LocalArtifact(ArtifactRef ref, Path source) {
}
