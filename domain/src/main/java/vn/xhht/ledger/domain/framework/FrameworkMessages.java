package vn.xhht.ledger.domain.framework;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Commands, events and queries of criteria frameworks. */
public final class FrameworkMessages {
    private FrameworkMessages() {
    }

    /**
     * 2: indicators name their kind and per-level targets; 3: a survey standard's indicators name their figures, ĐBKK
     * variants and prerequisites, and the document its roll-up rules (absent from earlier documents: null).
     */
    public static final String PUBLISHED_REVISION = "3";

    /**
     * Publish a framework document as a version. {@code contentHash} identifies the content: publishing the same
     * content again stores nothing. {@code source} says where it came from (a file name, or the HTTP API).
     */
    public record PublishFrameworkVersionCommand(@TargetAggregateIdentifier String code, CriteriaFramework framework, String contentHash,
                                                 String source) {
    }

    /**
     * Revision "2": indicators carry their {@code kind} and per-level {@code min} targets. Revision 1 (stored
     * without a revision) had points or levels only; {@code FrameworkKindsUpcaster} names the kind it implied.
     */
    @Revision(FrameworkMessages.PUBLISHED_REVISION)
    public record FrameworkVersionPublishedEvent(String code, int version, CriteriaFramework framework,
                                                 String contentHash, String source) {
    }

    /**
     * A framework (its latest version) governs a title: a recognition of the title decided while it is in force is
     * valid as long as it says, with or without an assessment (DOMAIN.md §8). Kept per title
     * ({@link #titleFrameworksId}) so that the framework of a title is a key lookup on the command side.
     */
    public record TitleFrameworkRegisteredEvent(String title, String code, int version, java.time.LocalDate effectiveFrom,
                                                java.time.LocalDate effectiveTo, Integer validityYears) {
    }

    public static String titleFrameworksId(String title) {
        return "title-frameworks:" + title;
    }

    /** The frameworks as the service knew them at {@code asOf} (null: now). */
    public record FetchFrameworksQuery(Instant asOf) {
    }

    /**
     * {@code version} null means the latest; with {@code asOf}, the latest published by then (a given version must
     * have been published by then).
     */
    public record FetchFrameworkVersionQuery(String code, Integer version, Instant asOf) {
    }

    /** {@code surveyStandard}: read from communes' surveys (universal education and literacy), not self-assessed. */
    public record FrameworkSummary(String code, String title, String regulation, int latestVersion,
                                   boolean provisional, boolean surveyStandard) {
    }

    public record FrameworkList(List<FrameworkSummary> items) {
    }
}
