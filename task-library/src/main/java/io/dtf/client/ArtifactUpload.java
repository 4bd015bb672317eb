package io.dtf.client;

import io.dtf.artifact.ArtifactChunks;
import io.dtf.artifact.ArtifactUploadReply;
import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.MissingArtifacts;
import io.dtf.artifact.UploadReport;
import io.dtf.model.ArtifactRef;
import io.dtf.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends the artifacts the grid lacks, chunk by chunk through the coordinator service (a thin client
 * may not write DTF's caches itself): {@link DtfClient#upload}'s work.
 */
final class ArtifactUpload {
    private final CoordinatorApi api;
    /** Makes a call, again while the coordinator moves (DtfClient's policy). */
    private final Function<Supplier<String>, String> call;

    ArtifactUpload(CoordinatorApi api, Function<Supplier<String>, String> call) {
        this.api = api;
        this.call = call;
    }

    UploadReport upload(Collection<LocalArtifact> artifacts) {
        Map<String, LocalArtifact> byDigest = new LinkedHashMap<>();
        artifacts.forEach(a -> byDigest.putIfAbsent(a.ref().sha256(), a));
        if (byDigest.isEmpty()) {
            return new UploadReport(0, 0, 0, 0);
        }
        List<ArtifactRef> refs = byDigest.values().stream().map(LocalArtifact::ref).toList();
        MissingArtifacts answer = Json.read(call.apply(() -> api.missingArtifacts(Json.write(refs))),
                MissingArtifacts.class);
        if (!answer.errors().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", answer.errors()));
        }
        Set<String> missing = Set.copyOf(answer.missing());
        long total = 0;
        long sent = 0;
        int count = 0;
        for (LocalArtifact a : byDigest.values()) {
            total += a.ref().size();
            long bytes = missing.contains(a.ref().sha256()) ? send(a) : -1;
            if (bytes >= 0) {
                sent += bytes;
                count++;
            }
        }
        return new UploadReport(byDigest.size(), count, sent, total);
    }

    /** Sends one artifact's bytes; answers how many went, or -1 when the grid got it meanwhile from elsewhere. */
    private long send(LocalArtifact a) {
        ArtifactRef ref = a.ref();
        ArtifactUploadReply begun = reply(() -> api.beginArtifact(Json.write(ref)));
        if (begun.stored()) {
            return -1;
        }
        long size = ref.size();
        int chunks = ArtifactChunks.count(size);
        try (InputStream in = Files.newInputStream(a.source())) {
            for (int i = 0; i < chunks; i++) {
                byte[] chunk = in.readNBytes(ArtifactChunks.length(size, i));
                if (chunk.length != ArtifactChunks.length(size, i) || (i == chunks - 1 && in.read() >= 0)) {
                    throw new IllegalArgumentException("artifact " + ref.name() + " (" + a.source() + "): the file is no"
                            + " longer " + size + " bytes long; it changed since it was hashed; load the suite again");
                }
                int index = i;
                ArtifactUploadReply step = reply(() -> api.putArtifactChunk(begun.uploadId(), index, chunk));
                if (index == chunks - 1 && !step.stored()) {
                    throw new IllegalStateException("artifact " + ref.name() + ": the grid did not confirm it stored it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("artifact " + ref.name() + ": cannot read " + a.source() + ": "
                    + e.getMessage(), e);
        }
        return size;
    }

    private ArtifactUploadReply reply(Supplier<String> step) {
        ArtifactUploadReply reply = Json.read(call.apply(step), ArtifactUploadReply.class);
        if (!reply.accepted()) {
            throw new IllegalArgumentException(String.join("; ", reply.errors()));
        }
        return reply;
    }
}
