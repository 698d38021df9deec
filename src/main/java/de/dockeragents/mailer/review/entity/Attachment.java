package de.dockeragents.mailer.review.entity;

/** An attachment as the page lists it: names and verdicts, never the content. */
public record Attachment(String fileName, String detectedType, Long sizeBytes, String outcome, String virusScan) {}
