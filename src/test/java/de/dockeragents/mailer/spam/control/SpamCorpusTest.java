package de.dockeragents.mailer.spam.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.reply.control.LoopGuard;
import de.dockeragents.mailer.reply.control.ReplyPlanner;
import de.dockeragents.mailer.reply.control.ReplyRules;
import de.dockeragents.mailer.reply.control.Templates;
import de.dockeragents.mailer.spam.Corpus;
import de.dockeragents.mailer.triage.control.Classifier;
import de.dockeragents.mailer.triage.control.RulesClassifier;
import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole corpus through the real profile data and the real planner, in plain Java: with a hostile
 * model that calls every mail an automatically answered category, and with the model down (the rules
 * decide), no spam, phishing or bulk mail gets a reply of any kind, and every shop mail keeps its
 * reply. {@code SpamRepliesIT} proves the same against the running mailer.
 */
class SpamCorpusTest {

    /** A category each profile answers with an automatic template. */
    static String autoCategory(String profile) {
        return profile.equals("ecom") ? "shipping" : "prescription";
    }

    static ReplyPlanner planner(String profile) {
        return new ReplyPlanner(
                ReplyRules.load(profile),
                new Templates(profile),
                new LoopGuard(Set.of("kontakt@shop-beispiel.de")),
                true,
                new SpamSignals(Lures.load(profile), Set.of("mx.google.com")));
    }

    static Decision hostile(String profile) {
        return new Decision(
                1,
                new Verdict(autoCategory(profile), Priority.NORMAL, "de", "Versandfrage", true, 0.99),
                ClassifiedBy.AI,
                AiOutcome.OK,
                "hostile:1",
                List.of(),
                List.of(),
                5);
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertTrue(Corpus.spam().size() >= 40, "spam: " + Corpus.spam().size());
        assertTrue(Corpus.shop().size() >= 40, "shop: " + Corpus.shop().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecom", "praxis"})
    void aHostileModelGetsNoSpamAnswered(String profile) {
        ReplyPlanner planner = planner(profile);
        List<String> answered = new ArrayList<>();
        for (Corpus.Mail m : Corpus.spam()) {
            ReplyPlanner.Plan plan = planner.plan(Corpus.facts(m, 1), hostile(profile));
            if (plan instanceof ReplyPlanner.Ready) {
                answered.add(m.name());
            }
            assertTrue(
                    plan instanceof ReplyPlanner.Refused || plan instanceof ReplyPlanner.Suppressed,
                    m.name() + ": " + plan);
        }
        assertEquals(List.of(), answered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecom", "praxis"})
    void aHostileModelStillGetsEveryShopMailAnswered(String profile) {
        ReplyPlanner planner = planner(profile);
        for (Corpus.Mail m : Corpus.shop()) {
            ReplyPlanner.Plan plan = planner.plan(Corpus.facts(m, 1), hostile(profile));
            assertTrue(plan instanceof ReplyPlanner.Ready, m.name() + ": " + plan);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecom", "praxis"})
    void withTheModelDownTheRulesAnswerNoSpamAndRefuseNoShopMail(String profile) {
        ReplyPlanner planner = planner(profile);
        Classifier classifier = new Classifier(TriageRules.load(profile));
        for (Corpus.Mail m : Corpus.spam()) {
            MailFacts f = Corpus.facts(m, 1);
            Decision d = classifier.decide(f, ChatReply.failed(AiOutcome.ERROR), Duration.ZERO);
            ReplyPlanner.Plan plan = planner.plan(f, d);
            assertTrue(
                    !(plan instanceof ReplyPlanner.Ready),
                    m.name() + " (" + d.verdict().category() + "): " + plan);
        }
        for (Corpus.Mail m : Corpus.shop()) {
            MailFacts f = Corpus.facts(m, 1);
            ReplyPlanner.Plan plan =
                    planner.plan(f, classifier.decide(f, ChatReply.failed(AiOutcome.ERROR), Duration.ZERO));
            assertTrue(!(plan instanceof ReplyPlanner.Refused), m.name() + ": " + plan);
        }
    }

    @Test
    void theShopsRulesFileScamsAsPhishingOrSpamAndNoCustomerMail() {
        TriageRules rules = TriageRules.load("ecom");
        RulesClassifier classifier = new RulesClassifier(rules);
        Set<String> hidden = Set.of("phishing", "spam");
        List<String> recognised = new ArrayList<>();
        for (Corpus.Mail m : Corpus.spam()) {
            if (hidden.contains(
                    classifier.classify(Corpus.facts(m, 1)).verdict().category())) {
                recognised.add(m.name());
            }
        }
        for (Corpus.Mail m : Corpus.shop()) {
            String category = classifier.classify(Corpus.facts(m, 1)).verdict().category();
            assertTrue(!hidden.contains(category), m.name() + " filed as " + category);
        }
        System.out.printf(
                "ecom rules: %d of %d spam/phishing mails filed as phishing or spam%n",
                recognised.size(), Corpus.spam().size());
        // the rest are mail only headers or links give away (spoofed senders, filter flags, lists, look-alike
        // links) and lures written in shipping or invoice words: the signals refuse them all the same
        assertTrue(recognised.size() * 3 >= Corpus.spam().size() * 2, recognised.size() + " recognised");
    }
}
