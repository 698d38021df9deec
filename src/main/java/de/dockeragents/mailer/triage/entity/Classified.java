package de.dockeragents.mailer.triage.entity;

/** CDI event, fired after a mail's first classification is committed; the reply planner observes it. */
public record Classified(MailFacts mail, Decision decision) {}
