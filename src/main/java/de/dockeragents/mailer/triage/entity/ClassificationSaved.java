package de.dockeragents.mailer.triage.entity;

/**
 * CDI event, fired inside the transaction that stores a mail's first classification: whoever keeps
 * state of its own per classified mail (reply's plan) writes it in the same transaction, so no
 * classified mail is ever without it. Observers must join the transaction, not start one.
 */
public record ClassificationSaved(long mailId) {}
