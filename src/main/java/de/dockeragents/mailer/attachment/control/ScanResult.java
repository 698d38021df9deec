package de.dockeragents.mailer.attachment.control;

/** What clamd said about one file. {@code detail} is clamd's text for an error, never file content. */
public record ScanResult(Verdict verdict, String signature, String detail) {

    public enum Verdict {
        CLEAN,
        INFECTED,
        ERROR,
        /** clamd could not be reached or timed out: try again later */
        UNAVAILABLE
    }

    public static ScanResult clean() {
        return new ScanResult(Verdict.CLEAN, null, null);
    }

    public static ScanResult infected(String signature) {
        return new ScanResult(Verdict.INFECTED, signature, null);
    }

    public static ScanResult unavailable(String detail) {
        return new ScanResult(Verdict.UNAVAILABLE, null, detail);
    }

    public static ScanResult error(String detail) {
        return new ScanResult(Verdict.ERROR, null, detail);
    }
}
