package de.dockeragents.mailer.attachment.boundary;

/**
 * CDI event fired after an infected attachment was quarantined, for alerting and the
 * {@code attachment.infected} webhook. Ids and signature only: no names, no addresses.
 */
public record AttachmentInfected(long mailId, long attachmentId, String signature) {}
