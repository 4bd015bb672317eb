package io.dtf.artifact;

/**
 * What an upload sent: of {@code artifacts} named, {@code sent} were missing from the grid and were
 * sent, {@code bytesSent} of {@code bytesTotal}; the rest the grid had and only their digests went.
 */
public record UploadReport(int artifacts, int sent, long bytesSent, long bytesTotal) {
}
