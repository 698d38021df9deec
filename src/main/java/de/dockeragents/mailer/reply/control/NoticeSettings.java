package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * The notice to staff that urgent mail waits ({@code mailer.notify.*}). {@code urgentTo}: where it
 * goes, empty for no notice; {@code pageUrl}: the staff page as staff reach it; {@code delay}:
 * urgent mails within this time share one notice.
 */
public record NoticeSettings(String urgentTo, String pageUrl, Duration delay) {

    public static NoticeSettings read(ConfigProblems c, Config config) {
        String to = config.getOptionalValue("mailer.notify.urgent-to", String.class)
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!to.isEmpty() && !Addresses.valid(to)) {
            c.problem("mailer.notify.urgent-to must be one mail address (or empty: no notice)");
        }
        String page = c.required("mailer.notify.page-url");
        if (!page.isEmpty() && !page.matches("https?://\\S+")) {
            c.problem("mailer.notify.page-url must be the staff page's http(s) address");
        }
        Duration delay = c.duration("mailer.notify.delay", Duration.ZERO, Duration.ofHours(1));
        return new NoticeSettings(to, page, delay);
    }

    public boolean enabled() {
        return !urgentTo.isEmpty();
    }
}
