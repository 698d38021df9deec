package de.dockeragents.mailer.inbox.control;

/** What a reading of a message's body found: the first text and HTML parts, and how many attachments. */
final class Bodies {
    String text;
    String html;
    int attachments;

    boolean hasText() {
        return (text != null && !text.isBlank()) || (html != null && !html.isBlank());
    }
}
