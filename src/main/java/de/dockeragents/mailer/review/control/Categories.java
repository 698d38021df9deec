package de.dockeragents.mailer.review.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.triage.control.LabelNames;
import de.dockeragents.mailer.triage.control.TriageRules;

/** The mailer profile's categories: what a filter or a correction may name. */
@ApplicationScoped
public class Categories {

    @Inject
    @ConfigProperty(name = Profile.KEY)
    String profile;

    private List<String> names;
    private Map<String, String> displayNames;

    @PostConstruct
    void load() {
        names = TriageRules.load(profile).categoryNames();
        displayNames = LabelNames.load(profile).categories();
    }

    /** The profile's names of its categories (those of the mailbox labels); ids without one are left out. */
    public Map<String, String> displayNames() {
        return displayNames;
    }

    public List<String> names() {
        return names;
    }

    public Set<String> asSet() {
        return Set.copyOf(names);
    }
}
