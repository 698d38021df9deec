package de.dockeragents.mailer.attachment.entity;

import java.time.OffsetDateTime;

/**
 * One row of the table {@code attachment}. {@code path} is relative to the storage root for
 * {@code STORED} and {@code PENDING}, and to the quarantine root for {@code QUARANTINED}.
 */
public record AttachmentRow(
        Long id,
        long mailId,
        String partPath,
        String originalName,
        String fileName,
        String declaredType,
        String detectedType,
        Long sizeBytes,
        String sha256,
        Outcome outcome,
        String reason,
        ScanStatus scanStatus,
        String signature,
        int scanAttempts,
        OffsetDateTime scannedAt,
        String path,
        OffsetDateTime receivedAt) {

    public AttachmentRow withId(long newId) {
        return new AttachmentRow(
                newId,
                mailId,
                partPath,
                originalName,
                fileName,
                declaredType,
                detectedType,
                sizeBytes,
                sha256,
                outcome,
                reason,
                scanStatus,
                signature,
                scanAttempts,
                scannedAt,
                path,
                receivedAt);
    }
}
