package de.dockeragents.mailer.spam.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * {@code mailer.spam.authserv-id}: the authserv-id(s) our own receiving side writes into
 * Authentication-Results ({@code mx.google.com} for Gmail), comma separated. Only those fields are
 * believed; see {@link AuthResults#trusted}.
 */
public record SpamSettings(Set<String> authservIds) {

    public static final String AUTHSERV_ID = "mailer.spam.authserv-id";

    public static SpamSettings read(ConfigProblems c) {
        Set<String> ids = Arrays.stream(c.required(AUTHSERV_ID).split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String id : ids) {
            if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
                c.problem(AUTHSERV_ID + " must be host-like names, comma separated (was '" + id + "')");
            }
        }
        return new SpamSettings(ids);
    }
}
