package de.dockeragents.mailer.reply.entity;

import java.util.Locale;

/**
 * Why no automatic reply went out (RFC 3834, our own limits, spam and phishing signals); the metric's
 * reason label. HISTORY: the mail came with the initial import (it was in the mailbox before the mailer
 * read it), which is never answered.
 */
public enum SuppressReason {
    AUTO_SUBMITTED,
    PRECEDENCE,
    MAILING_LIST,
    NO_REPLY_SENDER,
    BOUNCE,
    OWN_ADDRESS,
    DAILY_CAP,
    NO_RECIPIENT,
    HISTORY,
    SPAM_SIGNALS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
