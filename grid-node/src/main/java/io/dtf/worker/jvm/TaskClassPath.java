package io.dtf.worker.jvm;

import io.dtf.model.ArtifactRef;
import io.dtf.model.FailureCategory;
import io.dtf.worker.artifact.ArtifactFiles;
import io.dtf.worker.artifact.ArtifactUnavailableException;
import io.dtf.worker.command.PreparedAttempt.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** A task's class path as files on this worker: each artifact fetched (and checked) through {@link ArtifactFiles}. */
final class TaskClassPath {
    private TaskClassPath() {
    }

    /**
     * The local path of each entry, in order.
     *
     * @throws Refusal naming the artifact, when the grid cannot provide it (BAD_DEFINITION: another
     *         worker would not find it either) or it is of the wrong kind
     */
    static List<Path> resolve(List<ArtifactRef> classpath, ArtifactFiles files) throws Refusal {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < classpath.size(); i++) {
            ArtifactRef ref = classpath.get(i);
            Path path;
            try {
                path = files.path(ref);
            } catch (ArtifactUnavailableException e) {
                throw new Refusal(FailureCategory.BAD_DEFINITION, "classpath[" + i + "] " + ref.name() + " (sha256 "
                        + ref.sha256() + "): " + e.getMessage());
            }
            boolean tree = ref.kind() == ArtifactRef.Kind.TREE;
            boolean expected = tree ? Files.isDirectory(path) : Files.isRegularFile(path);
            if (!expected) {
                throw new Refusal(FailureCategory.INFRASTRUCTURE, "classpath[" + i + "] " + ref.name()
                        + ": the worker's copy at " + path + " is not a " + (ref.kind() == ArtifactRef.Kind.TREE
                        ? "directory" : "file"));
            }
            if (!tree) {
                checkJar(i, ref, path);
            }
            paths.add(path);
        }
        return paths;
    }

    /** A FILE on a class path must be a jar (a zip): the JVM would skip a corrupt one without a word. */
    private static void checkJar(int index, ArtifactRef ref, Path path) throws Refusal {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            zip.size();
        } catch (IOException e) {
            throw new Refusal(FailureCategory.BAD_DEFINITION, "classpath[" + index + "] " + ref.name() + " (sha256 "
                    + ref.sha256() + ") is not a jar (a zip file): " + e.getMessage()
                    + "; upload the jar again, or leave it out of the class path");
        }
    }

    /**
     * The attempt's working directory: the {@code workdir} TREE copied into the attempt's directory
     * (tests write to their working directory; the worker's cached copy must stay as it was), or
     * null for the attempt's own directory.
     */
    static String workdir(ArtifactRef workdir, ArtifactFiles files, Path attemptDir) throws Refusal {
        if (workdir == null) {
            return null;
        }
        if (workdir.kind() != ArtifactRef.Kind.TREE) {
            throw new Refusal(FailureCategory.BAD_DEFINITION, "workdir " + workdir.name()
                    + " is a FILE; it must be a TREE (a directory packed by the client)");
        }
        String name = "workdir";
        try {
            // A copy of its own: the cached folder is shared by every attempt that names it.
            files.writableCopy(workdir, attemptDir.resolve(name));
        } catch (ArtifactUnavailableException e) {
            throw new Refusal(FailureCategory.BAD_DEFINITION, "workdir " + workdir.name() + " (sha256 "
                    + workdir.sha256() + "): " + e.getMessage());
        }
        return name;
    }
}
