package de.dockeragents.mailer.review.entity;

/**
 * The inbox's three groups, as the page's header counts them: {@code attention} (urgent mail of the
 * last days, whatever its reply), {@code drafts} (drafts waiting for a person, the rest of them),
 * {@code rest} (everything else), counted up to a cap: {@code more} when it holds more than {@code rest}.
 */
public record InboxCounts(long attention, long drafts, long rest, boolean more) {}
