package de.dockeragents.mailer.reply.entity;

import java.time.OffsetDateTime;

/**
 * When and how a mail reached us, as the reply decision needs it: the server's INTERNALDATE (null if the
 * server did not say) and whether it came with the initial import of the mailbox's history.
 */
public record Arrival(OffsetDateTime serverDate, boolean history) {

    /** A mail whose arrival is not recorded (gone, or stored before this was kept): no limit applies. */
    public static final Arrival UNKNOWN = new Arrival(null, false);
}
