package de.dockeragents.mailer.attachment.control;

import java.net.URI;
import java.time.Duration;

/** The S3-compatible archive (MinIO in the Compose stack). {@code sse} empty means none is requested. */
public record ArchiveSettings(
        URI endpoint,
        String region,
        String bucket,
        String accessKey,
        String secretKey,
        String sse,
        Duration after,
        Duration timeout) {

    @Override
    public String toString() {
        // never print the keys
        return "ArchiveSettings[" + endpoint + ", bucket=" + bucket + ", after=" + after + ", sse=" + sse + "]";
    }
}
