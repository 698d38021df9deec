package it.support;

import java.util.Optional;

import com.icegreen.greenmail.store.StoredMessage;

import dev.DevStack;

/** The dev mailbox as the mail server holds it. */
public final class Mailbox {

    private Mailbox() {}

    public static Optional<StoredMessage> withSubject(DevStack stack, String subject) {
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        return stack.mail().inbox(user).getMessages().stream()
                .filter(m -> {
                    try {
                        return subject.equals(m.getMimeMessage().getSubject());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst();
    }
}
