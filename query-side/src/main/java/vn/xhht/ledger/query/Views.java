package vn.xhht.ledger.query;

import vn.xhht.ledger.query.assessment.AssessmentProjection;
import vn.xhht.ledger.query.emulation.NominationProjection;
import vn.xhht.ledger.query.figures.FigureProjection;
import vn.xhht.ledger.query.framework.FrameworkProjection;
import vn.xhht.ledger.query.history.HistoryProjection;
import vn.xhht.ledger.query.indicator.IndicatorProjection;
import vn.xhht.ledger.query.pcgd.SurveyProjection;
import vn.xhht.ledger.query.plan.PlanProjection;
import vn.xhht.ledger.query.recognition.RecognitionProjection;
import vn.xhht.ledger.query.reporting.ReportingProjection;
import vn.xhht.ledger.query.unit.UnitProjection;

import java.util.List;

/**
 * The registry of views: every projection's name (its processing group), the collections it writes, and the shape of
 * its documents (raised in the projection when they change, so that a view written by other code is rebuilt at
 * start-up). Rebuilds, the admin screen and the shape check all read this one list.
 */
public final class Views {

    public record View(String name, List<String> collections, int shape) {
    }

    public static final List<View> ALL = List.of(
            new View(UnitProjection.NAME, UnitProjection.collections(), 1),
            new View(PlanProjection.NAME, PlanProjection.collections(), PlanProjection.SHAPE),
            new View(FrameworkProjection.NAME, FrameworkProjection.collections(), FrameworkProjection.SHAPE),
            new View(AssessmentProjection.NAME, AssessmentProjection.collections(), 1),
            new View(RecognitionProjection.NAME, RecognitionProjection.collections(), RecognitionProjection.SHAPE),
            new View(FigureProjection.NAME, FigureProjection.collections(), 1),
            new View(IndicatorProjection.NAME, IndicatorProjection.collections(), IndicatorProjection.SHAPE),
            new View(HistoryProjection.NAME, HistoryProjection.collections(), HistoryProjection.SHAPE),
            new View(ReportingProjection.NAME, ReportingProjection.collections(), 1),
            new View(SurveyProjection.NAME, SurveyProjection.collections(), 1),
            new View(NominationProjection.NAME, NominationProjection.collections(), 1));

    private Views() {
    }
}
