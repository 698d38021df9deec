package de.dockeragents.mailer.triage.entity;

/** Who decided a mail's category: the model, or the profile's rules when the model could not. */
public enum ClassifiedBy {
    AI,
    RULES
}
