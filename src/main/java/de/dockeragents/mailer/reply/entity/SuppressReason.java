package de.dockeragents.mailer.reply.entity;

import java.util.Locale;

/**
 * Why no automatic reply went out (RFC 3834, our own limits, spam and phishing signals); the metric's
 * reason label.
 */
public enum SuppressReason {
    AUTO_SUBMITTED, PRECEDENCE, MAILING_LIST, NO_REPLY_SENDER, BOUNCE, OWN_ADDRESS, DAILY_CAP, NO_RECIPIENT,
    SPAM_SIGNALS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
