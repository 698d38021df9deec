package de.dockeragents.mailer.review.entity;

import de.dockeragents.mailer.attachment.entity.AttachmentView;

/**
 * An attachment as the page lists it: names, size and verdicts, never the content. {@code downloadable}
 * only for a clean, filed file; otherwise {@code refusal} says why not (quarantined, not scanned yet...).
 */
public record Attachment(
        long id,
        String fileName,
        String detectedType,
        Long sizeBytes,
        String outcome,
        String virusScan,
        boolean downloadable,
        String refusal) {

    public static Attachment of(AttachmentView v) {
        return new Attachment(
                v.id(),
                v.fileName(),
                v.detectedType(),
                v.sizeBytes(),
                v.outcome().name(),
                v.scanStatus().column(),
                v.availability() == AttachmentView.Availability.READY,
                v.refusal());
    }
}
