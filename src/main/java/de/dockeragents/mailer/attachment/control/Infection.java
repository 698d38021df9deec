package de.dockeragents.mailer.attachment.control;

/** An infected attachment, for alerts and the {@code attachment.infected} event: ids and signature only. */
public record Infection(long mailId, long attachmentId, String signature) {}
