package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * Who a session of the page belongs to (review_session): the person's row and its generation at login
 * (a disable or password reset raises it and so ends the session), and when.
 */
public record SignedIn(long personId, int generation, Instant at) {}
