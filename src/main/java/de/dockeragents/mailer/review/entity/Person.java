package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * One person who logs in to the page, as the admin's list shows them; never the password hash.
 * {@code role}: {@code staff} or {@code admin}; {@code configured}: made from the operator's secrets,
 * so only the secret changes it.
 */
public record Person(
        long id, String name, String role, boolean enabled, boolean configured, int generation, Instant updatedAt) {

    public boolean admin() {
        return Role.ADMIN.label().equals(role);
    }

    public java.util.Set<String> groups() {
        return Role.of(role).groups();
    }
}
