package vn.xhht.ledger.query.reporting;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.reporting.ReportRules;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationCancelledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOpenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOverdueEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReminderSentEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReopenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationRescheduledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationStatus;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Progress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportAcceptedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportReturnedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportSubmittedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.TaskProgress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Timeliness;
import vn.xhht.ledger.domain.reporting.ReportingQueries.Change;
import vn.xhht.ledger.domain.reporting.ReportingQueries.DeadlineRef;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchObligationQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchObligationsQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchReportQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchTaskProgressQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ObligationView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.PlanTaskProgressView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReminderView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReportStatus;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReportView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.TaskProgressView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.UnitProgress;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.Cursors;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Reporting obligations and reports: one document per obligation ({@code obligation_views}) and per report
 * ({@code report_views}), each with its record-time versions for {@code asOf}, and an index
 * ({@code obligation_index}) of the obligations of each plan ({@code plan|<id>}) and of each unit
 * ({@code unit|<id>}), so that "who has reported on this plan" and "what does this unit still owe" are key lookups.
 * Task progress is read from the reports the plan's obligations hold.
 */
@Component
@ProcessingGroup(ReportingProjection.NAME)
public class ReportingProjection extends BatchedView {

    public static final String NAME = "reporting";
    private static final String VIEWS = "obligation_views";
    private static final String REPORTS = "report_views";
    private static final String INDEX = "obligation_index";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> index;
    private final RecordVersions obligationVersions;
    private final RecordVersions reportVersions;
    private final ViewBatch batch;

    /** The collections of this view, in the order they are written. */
    public static List<String> collections() {
        return List.of(INDEX, "obligation_view_versions", "report_view_versions", REPORTS, VIEWS);
    }

    @Autowired
    public ReportingProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public ReportingProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.views = readDatabase.getCollection(VIEWS);
        this.reports = readDatabase.getCollection(REPORTS);
        this.index = readDatabase.getCollection(INDEX);
        this.obligationVersions = new RecordVersions(readDatabase, "obligation_view_versions");
        this.reportVersions = new RecordVersions(readDatabase, "report_view_versions");
        this.batch = new ViewBatch(readDatabase, mode, collections(), List.of(VIEWS));
    }

    @EventHandler
    void on(ObligationOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        batch.apply(() -> {
            update(event.obligationId(), sequence, existing -> new ObligationView(
                    event.obligationId(), event.planId(), event.issuerUnitId(),
                    new DeadlineRef(event.deadlineId(), event.what(), event.kind(), event.due(), event.dueAt()),
                    event.unitId(), ObligationStatus.OPEN, null, null, null, 0, 0, null, null,
                    change(metaData, at, null), sequence));
            batch.set(INDEX, "plan|" + event.planId(), "obligations", event.obligationId(), event.unitId());
            batch.set(INDEX, "unit|" + event.unitId(), "obligations", event.obligationId(), event.planId());
        });
    }

    @EventHandler
    void on(ObligationRescheduledEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.obligationId(), sequence, o -> with(o, sequence, change(metaData, at, event.reason()), b -> {
            b.deadline = new DeadlineRef(o.deadline().deadlineId(), event.what(), event.kind(), event.due(), event.dueAt());
            if (o.timeliness() == Timeliness.OVERDUE) {
                b.timeliness = null;
                b.overdueAt = null;
            }
            b.lastReminder = null;
        }));
    }

    @EventHandler
    void on(ObligationCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.obligationId(), sequence, o -> with(o, sequence, change(metaData, at, event.reason()),
                                                        b -> b.status = ObligationStatus.CANCELLED));
    }

    @EventHandler
    void on(ObligationReopenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.obligationId(), sequence, o -> with(o, sequence, change(metaData, at, event.reason()),
                b -> b.status = o.reportId() == null ? ObligationStatus.OPEN
                        : statusOfReport(o.reportId())));
    }

    @EventHandler
    void on(ObligationReminderSentEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.obligationId(), sequence, o -> with(o, sequence, o.lastChange(),
                                                        b -> b.lastReminder = new ReminderView(at, event.daysLeft())));
    }

    @EventHandler
    void on(ObligationOverdueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.obligationId(), sequence, o -> with(o, sequence, o.lastChange(), b -> {
            b.timeliness = Timeliness.OVERDUE;
            b.overdueAt = event.dueAt();
        }));
    }

    @EventHandler
    void on(ReportSubmittedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        batch.apply(() -> {
            Change submitted = change(metaData, at, null);
            ObligationView obligation = current(event.obligationId());
            reportVersions.update(batch, REPORTS, event.reportId(), sequence, ReportView.class, existing -> new ReportView(
                    event.reportId(), event.obligationId(), event.planId(),
                    obligation == null ? null : obligation.issuerUnitId(), event.unitId(),
                    obligation == null ? null : obligation.deadline(), event.content().figures(),
                    event.content().tasks(), event.content().narrative(), event.content().difficulties(),
                    event.content().proposals(), event.submission(), event.timeliness(), ReportStatus.SUBMITTED, at,
                    submitted.actor(), null, sequence));
            update(event.obligationId(), sequence, o -> with(o, sequence, submitted, b -> {
                b.status = ObligationStatus.SUBMITTED;
                b.timeliness = event.timeliness();
                b.reportId = event.reportId();
                b.submissions = event.submission();
                if (event.submission() == 1) {
                    b.submittedAt = at;
                }
            }));
        });
    }

    @EventHandler
    void on(ReportAcceptedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        decide(event.obligationId(), event.reportId(), sequence, change(metaData, at, null), ReportStatus.ACCEPTED,
               ObligationStatus.ACCEPTED, 0);
    }

    @EventHandler
    void on(ReportReturnedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        decide(event.obligationId(), event.reportId(), sequence, change(metaData, at, event.reason()),
               ReportStatus.RETURNED, ObligationStatus.RETURNED, 1);
    }

    private void decide(String obligationId, String reportId, long sequence, Change decision, ReportStatus reportStatus,
                        ObligationStatus status, int returned) {
        batch.apply(() -> {
            reportVersions.update(batch, REPORTS, reportId, sequence, ReportView.class, r -> new ReportView(
                    r.id(), r.obligationId(), r.planId(), r.issuerUnitId(), r.unitId(), r.deadline(), r.figures(),
                    r.tasks(), r.narrative(), r.difficulties(), r.proposals(), r.submission(), r.timeliness(),
                    reportStatus, r.submittedAt(), r.submittedBy(), decision, sequence));
            update(obligationId, sequence, o -> with(o, sequence, decision, b -> {
                b.status = status;
                b.returns = o.returns() + returned;
            }));
        });
    }

    private ObligationStatus statusOfReport(String reportId) {
        Document report = batch.find(REPORTS, reportId);
        ReportStatus status = report == null ? null : ViewDocuments.fromDocument(report, ReportView.class).status();
        return status == ReportStatus.ACCEPTED ? ObligationStatus.ACCEPTED
                : status == ReportStatus.SUBMITTED ? ObligationStatus.SUBMITTED : ObligationStatus.RETURNED;
    }

    private ObligationView current(String obligationId) {
        Document document = batch.find(VIEWS, obligationId);
        return document == null ? null : ViewDocuments.fromDocument(document, ObligationView.class);
    }

    /** An obligation's view with some fields changed. */
    private static final class Builder {
        DeadlineRef deadline;
        ObligationStatus status;
        Timeliness timeliness;
        Instant submittedAt;
        String reportId;
        int submissions;
        int returns;
        ReminderView lastReminder;
        Instant overdueAt;
    }

    private static ObligationView with(ObligationView o, long sequence, Change lastChange,
                                       java.util.function.Consumer<Builder> edit) {
        Builder b = new Builder();
        b.deadline = o.deadline();
        b.status = o.status();
        b.timeliness = o.timeliness();
        b.submittedAt = o.submittedAt();
        b.reportId = o.reportId();
        b.submissions = o.submissions();
        b.returns = o.returns();
        b.lastReminder = o.lastReminder();
        b.overdueAt = o.overdueAt();
        edit.accept(b);
        return new ObligationView(o.id(), o.planId(), o.issuerUnitId(), b.deadline, o.unitId(), b.status, b.timeliness,
                                  b.submittedAt, b.reportId, b.submissions, b.returns, b.lastReminder, b.overdueAt,
                                  lastChange, sequence);
    }

    private static Change change(MetaData metaData, Instant at, String reason) {
        Object actor = metaData.get(AuditMetaData.ACTOR);
        Object why = reason != null ? reason : metaData.get(AuditMetaData.REASON);
        return new Change(actor == null ? null : actor.toString(), at, why == null ? null : why.toString());
    }

    private void update(String obligationId, long sequence, UnaryOperator<ObligationView> change) {
        obligationVersions.update(batch, VIEWS, obligationId, sequence, ObligationView.class, change);
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(views.drop()).then(Mono.from(reports.drop())).then(Mono.from(index.drop())).block();
        obligationVersions.drop();
        reportVersions.drop();
    }

    // ------------------------------------------------------------------------------------------ queries

    @QueryHandler
    public CompletableFuture<ObligationView> handle(FetchObligationQuery query) {
        return obligationVersions.asOf(Flux.from(views.find(eq("_id", query.obligationId()))), query.asOf()).next()
                .map(document -> ViewDocuments.fromDocument(document, ObligationView.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.OBLIGATION_NOT_FOUND,
                                                                    "Obligation " + query.obligationId() + " does not exist")))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<ReportView> handle(FetchReportQuery query) {
        return reportVersions.asOf(Flux.from(reports.find(eq("_id", query.reportId()))), query.asOf()).next()
                .map(document -> ViewDocuments.fromDocument(document, ReportView.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.REPORT_NOT_FOUND,
                                                                    "Report " + query.reportId() + " does not exist")))
                .toFuture();
    }

    @QueryHandler
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CompletableFuture<Page> handle(FetchObligationsQuery query) {
        int offset = Cursors.offset(query.cursor());
        return obligations(query.planId(), query.unitId(), query.asOf())
                .filter(o -> query.status() == null || o.status() == query.status())
                .sort(Comparator.comparing((ObligationView o) -> o.deadline().due())
                                .thenComparing(ObligationView::unitId).thenComparing(ObligationView::id))
                .collectList()
                .map(all -> (Page) new Page<>(all.stream().skip(offset).limit(query.limit()).toList(),
                                              Cursors.next(offset, query.limit(), all.size())))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<PlanTaskProgressView> handle(FetchTaskProgressQuery query) {
        return obligations(query.planId(), null, query.asOf())
                .filter(o -> o.reportId() != null)
                .collectList()
                .flatMap(list -> {
                    List<String> ids = list.stream().map(ObligationView::reportId).toList();
                    Flux<Document> current = ids.isEmpty() ? Flux.empty() : Flux.from(reports.find(in("_id", ids)));
                    return reportVersions.asOf(current, query.asOf())
                                         .map(document -> ViewDocuments.fromDocument(document, ReportView.class))
                                         .collectList();
                })
                .map(list -> new PlanTaskProgressView(query.planId(), progress(list)))
                .toFuture();
    }

    /** Per task, each unit's latest word on it (its latest report that says something of the task). */
    static List<TaskProgressView> progress(List<ReportView> reports) {
        Map<String, Map<String, UnitProgress>> byTask = new LinkedHashMap<>();
        reports.stream().sorted(Comparator.comparing(ReportView::submittedAt)).forEach(report -> {
            for (TaskProgress task : report.tasks()) {
                byTask.computeIfAbsent(task.taskId(), k -> new LinkedHashMap<>())
                      .put(report.unitId(), new UnitProgress(report.unitId(), task.progress(), ReportRules.percentOf(task),
                                                             task.narrative(), report.id(), report.submittedAt()));
            }
        });
        List<TaskProgressView> items = new ArrayList<>();
        byTask.forEach((taskId, units) -> {
            List<UnitProgress> rows = units.values().stream().sorted(Comparator.comparing(UnitProgress::unitId)).toList();
            int done = (int) rows.stream().filter(r -> r.progress() == Progress.DONE).count();
            int average = rows.isEmpty() ? 0 : (int) Math.round(rows.stream().mapToInt(UnitProgress::percent).average().orElse(0));
            items.add(new TaskProgressView(taskId, rows.size(), done, average, rows));
        });
        return items;
    }

    private Flux<ObligationView> obligations(String planId, String unitId, Instant asOf) {
        String key = planId != null ? "plan|" + planId : "unit|" + unitId;
        return Mono.from(index.find(eq("_id", key)).first())
                   .flatMapMany(document -> {
                       Document entries = document.get("obligations", Document.class);
                       List<String> ids = entries == null ? List.of() : new ArrayList<>(entries.keySet());
                       return ids.isEmpty() ? Flux.empty()
                               : obligationVersions.asOf(Flux.from(views.find(in("_id", ids))), asOf);
                   })
                   .map(document -> ViewDocuments.fromDocument(document, ObligationView.class))
                   .filter(o -> planId == null || unitId == null || o.unitId().equals(unitId));
    }
}
