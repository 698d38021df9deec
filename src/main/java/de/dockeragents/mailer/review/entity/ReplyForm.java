package de.dockeragents.mailer.review.entity;

import java.util.List;

/**
 * What the page's reply form starts from: the recipient (chosen by code, shown as text, never
 * editable), the language, the subject, the profile's signature and its reply templates rendered for
 * this mail. {@code refusal} set (the loop guard's or the spam signals' reason): no reply may go to it.
 */
public record ReplyForm(
        long mailId,
        String recipient,
        String language,
        String subject,
        String signature,
        List<TemplateText> templates,
        String refusal,
        String refusalDetail) {

    /** One of the profile's reply templates, rendered for the mail. */
    public record TemplateText(String name, String subject, String body) {}

    @Override
    public String toString() {
        return "reply form for mail " + mailId; // never the recipient
    }
}
