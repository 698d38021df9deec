package de.dockeragents.mailer.attachment.entity;

/**
 * An attachment as staff may see it listed: names, size and verdicts, never the content or where its
 * file lies. {@link #availability()} says whether its file may be handed out, and if not, why.
 */
public record AttachmentView(
        long id,
        long mailId,
        String fileName,
        String detectedType,
        Long sizeBytes,
        Outcome outcome,
        ScanStatus scanStatus,
        String reason,
        String signature,
        boolean removed) {

    /** Whether the file may be downloaded; everything but {@code READY} is refused. */
    public enum Availability {
        /** scanned clean, filed, still on disk */
        READY,
        /** waiting for its virus scan: not yet */
        PENDING,
        /** infected or unscannable: never */
        QUARANTINED,
        /** refused by policy; no file was kept */
        REJECTED,
        /** removed by the retention cleanup */
        REMOVED
    }

    public Availability availability() {
        if (removed) {
            return Availability.REMOVED;
        }
        return switch (outcome) {
            case STORED -> scanStatus == ScanStatus.CLEAN ? Availability.READY : Availability.QUARANTINED;
            case PENDING -> Availability.PENDING;
            case QUARANTINED -> Availability.QUARANTINED;
            case REJECTED -> Availability.REJECTED;
        };
    }

    /** Why it cannot be downloaded, for the page; null when it can. */
    public String refusal() {
        return switch (availability()) {
            case READY -> null;
            case PENDING -> "not scanned for viruses yet";
            case QUARANTINED ->
                scanStatus == ScanStatus.INFECTED
                        ? "in quarantine: infected" + (signature == null ? "" : " (" + signature + ")")
                        : "in quarantine: " + (reason == null ? "could not be scanned" : reason);
            case REJECTED -> "refused" + (reason == null ? "" : ": " + reason);
            case REMOVED -> "removed by the retention cleanup";
        };
    }
}
