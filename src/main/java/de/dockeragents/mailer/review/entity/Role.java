package de.dockeragents.mailer.review.entity;

import java.util.Locale;
import java.util.Set;

/** What a person may do on the page: staff's everyday work, or that plus people, dead letters and ops. */
public enum Role {
    STAFF,
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The groups the container maps to the roles of web.xml; an admin is staff as well. */
    public Set<String> groups() {
        return this == ADMIN ? Set.of("staff", "admin") : Set.of("staff");
    }

    public static Role of(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw Problem.invalid("role", "role must be staff or admin");
    }
}
