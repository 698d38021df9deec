package de.dockeragents.mailer.attachment.entity;

import java.util.Locale;

/**
 * The column {@code virus_scan_status}. {@code SKIPPED} is for a part that was never kept whole
 * (over the size cap), so there was nothing to scan; it is never delivered either.
 */
public enum ScanStatus {
    PENDING,
    CLEAN,
    INFECTED,
    ERROR,
    SKIPPED;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScanStatus ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
