package de.dockeragents.mailer.attachment.control;

import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;

/**
 * Whether an attachment is admitted, from the scan and the type check: stored, rejected, quarantined
 * or left pending. The scan comes first: an infected file is quarantined whatever its type, and
 * nothing unscanned is ever stored.
 *
 * @param typeProblem why the type check refused the file, null when it passed
 */
public record Admission(Outcome outcome, ScanStatus status, String signature, String reason) {

    public static Admission of(ScanResult scan, String typeProblem) {
        return switch (scan.verdict()) {
            case INFECTED ->
                new Admission(
                        Outcome.QUARANTINED, ScanStatus.INFECTED, scan.signature(), "infected: " + scan.signature());
            case ERROR -> new Admission(Outcome.QUARANTINED, ScanStatus.ERROR, null, "not scanned: " + scan.detail());
            case UNAVAILABLE -> new Admission(Outcome.PENDING, ScanStatus.PENDING, null, typeProblem);
            case CLEAN ->
                typeProblem == null
                        ? new Admission(Outcome.STORED, ScanStatus.CLEAN, null, null)
                        : new Admission(Outcome.REJECTED, ScanStatus.CLEAN, null, typeProblem);
        };
    }

    /** The {@code result} label of {@code attachments_total}; null while still pending. */
    public String metricResult() {
        return metricResult(outcome, status);
    }

    public static String metricResult(Outcome outcome, ScanStatus status) {
        return switch (outcome) {
            case STORED -> "stored";
            case REJECTED -> "rejected";
            case QUARANTINED -> status == ScanStatus.INFECTED ? "infected" : "error";
            case PENDING -> null;
        };
    }
}
