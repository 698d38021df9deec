package de.dockeragents.mailer.review.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * Who a server-side session belongs to, kept in the HTTP session after a login: the person's row and
 * its generation at login (a disable or password reset raises it and so ends the session), and when.
 */
public record SignedIn(long personId, int generation, Instant at) implements Serializable {}
