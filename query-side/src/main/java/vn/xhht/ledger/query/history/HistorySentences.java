package vn.xhht.ledger.query.history;

import java.util.Map;
import java.util.Set;

/**
 * One event of a unit's history as a sentence in Vietnamese and in English, from its type and payload — the one
 * table of what every event type says (a test holds every event type of the domain to having a sentence here or
 * being bookkeeping). Values come from the stored payload as is.
 */
public final class HistorySentences {

    public record Sentence(String vi, String en) {
    }

    /**
     * Events the command side keeps for its own checks — admission to period ledgers, the registers behind the
     * one-title, one-assessment and one-award rules, quotas, the units placed under a unit — each the twin of an event
     * that is told: never a line of a history.
     */
    public static final Set<String> BOOKKEEPING = Set.of(
            "FactAdmittedEvent", "AdmissionFencedEvent", "AdmissionShardSealedEvent", "PeriodFactCountedEvent",
            "TitleRecordedEvent", "TitleWithdrawnEvent", "TitleValidityCorrectedEvent",
            "AssessmentSlotClaimedEvent", "AssessmentSlotReleasedEvent",
            "AwardRegisteredEvent", "AwardReleasedEvent", "AwardCountedEvent", "AwardUncountedEvent",
            "UnitChildRecordedEvent", "UnitChildrenClosedEvent");

    private HistorySentences() {
    }

    /** Whether an event type has a sentence of its own. */
    public static boolean tells(String type) {
        return told(type, Map.of(), null) != null;
    }

    /** The event's sentence; a type without one (an event of a later version, say) names its type. */
    public static Sentence of(String type, Map<?, ?> p, String actor) {
        Sentence sentence = told(type, p, actor);
        return sentence != null ? sentence
                : new Sentence((actor == null ? "hệ thống" : actor) + " ghi sự kiện " + type,
                               (actor == null ? "the system" : actor) + " recorded " + type);
    }

    private static Sentence told(String type, Map<?, ?> p, String actor) {
        String who = actor == null ? "hệ thống" : actor;
        String by = actor == null ? "the system" : actor;
        return switch (type == null ? "" : type) {
            case "UnitRegisteredEvent" -> new Sentence(
                    who + " đăng ký đơn vị " + p.get("name") + " (" + p.get("kind") + ") từ " + p.get("validFrom")
                            + under(p.get("parentId"), " thuộc "),
                    by + " registered " + p.get("name") + " (" + p.get("kind") + ") from " + p.get("validFrom")
                            + under(p.get("parentId"), " under "));
            case "UnitRenamedEvent" -> new Sentence(
                    who + " đổi tên " + p.get("previousName") + " thành " + p.get("name") + " từ " + p.get("validFrom"),
                    by + " renamed " + p.get("previousName") + " to " + p.get("name") + " from " + p.get("validFrom"));
            case "UnitMovedEvent" -> new Sentence(
                    who + " chuyển " + p.get("unitId") + " từ " + p.get("previousParentId") + " sang " + p.get("parentId")
                            + " từ " + p.get("validFrom"),
                    by + " moved " + p.get("unitId") + " from " + p.get("previousParentId") + " to " + p.get("parentId")
                            + " from " + p.get("validFrom"));
            case "UnitMergedEvent" -> new Sentence(
                    who + " sáp nhập " + p.get("unitId") + " vào " + p.get("intoId") + " từ " + p.get("validFrom"),
                    by + " merged " + p.get("unitId") + " into " + p.get("intoId") + " from " + p.get("validFrom"));
            case "UnitDissolvedEvent" -> new Sentence(
                    who + " giải thể " + p.get("unitId") + " từ " + p.get("validFrom") + ": " + p.get("reason"),
                    by + " dissolved " + p.get("unitId") + " from " + p.get("validFrom") + ": " + p.get("reason"));
            case "SurveyRecordedEvent" -> new Sentence(
                    who + " ghi số liệu điều tra PCGD-XMC năm " + p.get("year") + " của " + p.get("unitId"),
                    by + " recorded the " + p.get("year") + " universal-education survey of " + p.get("unitId"));
            case "SurveyLockedEvent" -> new Sentence(
                    who + " khóa số liệu điều tra PCGD-XMC năm " + p.get("year") + " của " + p.get("unitId") + ": " + p.get("reason"),
                    by + " locked the " + p.get("year") + " survey of " + p.get("unitId") + ": " + p.get("reason"));
            case "SurveyUnlockedEvent" -> new Sentence(
                    who + " mở khóa số liệu điều tra PCGD-XMC năm " + p.get("year") + " của " + p.get("unitId") + ": " + p.get("reason"),
                    by + " unlocked the " + p.get("year") + " survey of " + p.get("unitId") + ": " + p.get("reason"));
            case "NominationDraftedEvent" -> new Sentence(
                    who + " lập hồ sơ đề nghị " + p.get("form") + " (" + p.get("movement") + ", " + p.get("occasion") + " "
                            + p.get("year") + ") cho " + subject(p, true),
                    by + " drafted a nomination for " + p.get("form") + " (" + p.get("movement") + ", " + p.get("occasion")
                            + " " + p.get("year") + ") of " + subject(p, false));
            case "NominationSubmittedEvent" -> new Sentence(
                    who + " gửi hồ sơ đề nghị khen thưởng " + p.get("nominationId") + " lên " + p.get("decidingUnitId")
                            + " (đạt tiêu chí " + p.get("criteria") + ")",
                    by + " submitted nomination " + p.get("nominationId") + " to " + p.get("decidingUnitId")
                            + " (meets the criteria " + p.get("criteria") + ")");
            case "NominationReturnedEvent" -> new Sentence(
                    who + " trả lại hồ sơ đề nghị khen thưởng " + p.get("nominationId") + ": " + p.get("reason"),
                    by + " returned nomination " + p.get("nominationId") + ": " + p.get("reason"));
            case "NominationReviewedEvent" -> new Sentence(
                    who + " (Hội đồng TĐKT " + p.get("decidingUnitId") + ") "
                            + ("REJECT".equals(p.get("recommendation")) ? "không đề nghị" : "đề nghị") + " khen thưởng "
                            + p.get("nominationId") + ": " + p.get("reason"),
                    by + " (council of " + p.get("decidingUnitId") + ") "
                            + ("REJECT".equals(p.get("recommendation")) ? "did not recommend" : "recommended") + " nomination "
                            + p.get("nominationId") + ": " + p.get("reason"));
            case "NominationDecidedEvent" -> new Sentence(
                    who + ("AWARDED".equals(p.get("decision")) ? " quyết định khen thưởng " + p.get("form")
                            : " quyết định không khen thưởng") + " theo hồ sơ " + p.get("nominationId") + " (QĐ "
                            + p.get("decisionNumber") + " ngày " + p.get("decidedOn") + ")",
                    by + ("AWARDED".equals(p.get("decision")) ? " awarded " + p.get("form") : " decided against an award")
                            + " on nomination " + p.get("nominationId") + " (decision " + p.get("decisionNumber") + " of "
                            + p.get("decidedOn") + ")");
            case "AwardRevokedEvent" -> new Sentence(
                    who + " hủy quyết định khen thưởng theo hồ sơ " + p.get("nominationId") + ": " + p.get("reason"),
                    by + " revoked the award of nomination " + p.get("nominationId") + ": " + p.get("reason"));
            case "PersonForgottenEvent" -> new Sentence(
                    who + " xoá dữ liệu cá nhân trong hồ sơ " + p.get("nominationId") + " theo yêu cầu: " + p.get("reason"),
                    by + " erased the personal data of nomination " + p.get("nominationId") + " on request: " + p.get("reason"));
            case "PlanDraftedEvent" -> new Sentence(
                    who + " soạn kế hoạch " + p.get("number") + " của " + p.get("issuerUnitId"),
                    by + " drafted plan " + p.get("number") + " of " + p.get("issuerUnitId"));
            case "PlanIssuedEvent" -> new Sentence(who + " ban hành kế hoạch " + p.get("planId"),
                                                   by + " issued plan " + p.get("planId"));
            case "PlanAmendedEvent" -> new Sentence(who + " điều chỉnh kế hoạch " + p.get("planId"),
                                                    by + " amended plan " + p.get("planId"));
            case "PlanClosedEvent" -> new Sentence(who + " khóa số liệu kế hoạch " + p.get("planId"),
                                                   by + " closed plan " + p.get("planId"));
            case "PlanReopenedEvent" -> new Sentence(who + " mở lại kế hoạch " + p.get("planId"),
                                                     by + " reopened plan " + p.get("planId"));
            case "PlanReportersResolvedEvent" -> new Sentence(
                    who + " giao báo cáo kế hoạch " + p.get("planId") + " cho " + count(p.get("unitIds"))
                            + " đơn vị trực thuộc " + p.get("issuerUnitId"),
                    by + " asked " + count(p.get("unitIds")) + " units under " + p.get("issuerUnitId")
                            + " to report on plan " + p.get("planId"));
            case "ObligationOpenedEvent" -> new Sentence(
                    who + " giao " + p.get("unitId") + " báo cáo \"" + p.get("what") + "\" trước ngày " + p.get("due"),
                    by + " asked " + p.get("unitId") + " for \"" + p.get("what") + "\" by " + p.get("due"));
            case "ObligationRescheduledEvent" -> new Sentence(
                    who + " đổi hạn báo cáo \"" + p.get("what") + "\" thành trước ngày " + p.get("due"),
                    by + " moved the report \"" + p.get("what") + "\" to " + p.get("due"));
            case "ObligationCancelledEvent" -> new Sentence(who + " hủy yêu cầu báo cáo: " + p.get("reason"),
                                                            by + " cancelled the report asked for: " + p.get("reason"));
            case "ObligationReopenedEvent" -> new Sentence(who + " yêu cầu báo cáo lại: " + p.get("reason"),
                                                           by + " asked for the report again: " + p.get("reason"));
            case "ObligationReminderSentEvent" -> new Sentence(
                    "Nhắc " + p.get("unitId") + ": còn " + p.get("daysLeft") + " ngày đến hạn báo cáo " + p.get("due"),
                    "Reminded " + p.get("unitId") + ": " + p.get("daysLeft") + " days until the report due " + p.get("due"));
            case "ObligationOverdueEvent" -> new Sentence(p.get("unitId") + " quá hạn báo cáo (hạn " + p.get("dueAt") + ")",
                                                          p.get("unitId") + " is overdue with its report (due " + p.get("dueAt") + ")");
            case "ReportSubmittedEvent" -> new Sentence(
                    who + " gửi báo cáo lần " + p.get("submission") + " của " + p.get("unitId") + " ("
                            + ("LATE".equals(p.get("timeliness")) ? "trễ hạn" : "đúng hạn") + ")",
                    by + " submitted report no. " + p.get("submission") + " of " + p.get("unitId") + " ("
                            + ("LATE".equals(p.get("timeliness")) ? "late" : "on time") + ")");
            case "ReportAcceptedEvent" -> new Sentence(who + " tiếp nhận báo cáo " + p.get("reportId"),
                                                       by + " accepted report " + p.get("reportId"));
            case "ReportReturnedEvent" -> new Sentence(
                    who + " trả lại báo cáo " + p.get("reportId") + ": " + p.get("reason"),
                    by + " returned report " + p.get("reportId") + ": " + p.get("reason"));
            case "RecognitionGrantedEvent" -> new Sentence(
                    who + " công nhận danh hiệu " + p.get("title") + " năm " + p.get("year") + " cho "
                            + p.get("subjectUnitId") + " (QĐ " + p.get("decisionNumber") + ")",
                    by + " granted the title " + p.get("title") + " for " + p.get("year") + " to "
                            + p.get("subjectUnitId") + " (decision " + p.get("decisionNumber") + ")");
            case "RecognitionRevokedEvent" -> new Sentence(
                    who + " thu hồi danh hiệu " + p.get("title") + " của " + p.get("subjectUnitId"),
                    by + " revoked the title " + p.get("title") + " of " + p.get("subjectUnitId"));
            case "RecognitionValidityCorrectedEvent" -> new Sentence(
                    who + " điều chỉnh thời hạn danh hiệu " + p.get("title") + " năm " + p.get("year") + " của "
                            + p.get("subjectUnitId") + ": đến " + p.get("previousValidThrough") + " → đến "
                            + p.get("validThrough"),
                    by + " corrected the validity of the title " + p.get("title") + " for " + p.get("year") + " of "
                            + p.get("subjectUnitId") + ": through " + p.get("previousValidThrough") + " -> through "
                            + p.get("validThrough"));
            case "RecognitionBatchRecordedEvent" -> new Sentence(
                    who + " ghi nhận " + p.get("count") + " " + p.get("title") + " năm " + p.get("year") + " tại "
                            + p.get("unitId") + " (QĐ " + p.get("decisionNumber") + ")",
                    by + " recorded " + p.get("count") + " " + p.get("title") + " for " + p.get("year") + " at "
                            + p.get("unitId") + " (decision " + p.get("decisionNumber") + ")");
            case "BaselineSetEvent" -> new Sentence(
                    who + " đặt số liệu nền năm " + p.get("year") + " của " + p.get("unitId"),
                    by + " set the " + p.get("year") + " baseline of " + p.get("unitId"));
            case "IndicatorValueReportedEvent" -> new Sentence(
                    who + " báo cáo " + p.get("indicator") + " năm " + p.get("year") + " của " + p.get("unitId") + ": "
                            + p.get("numerator") + "/" + p.get("denominator"),
                    by + " reported " + p.get("indicator") + " for " + p.get("year") + " at " + p.get("unitId") + ": "
                            + p.get("numerator") + "/" + p.get("denominator"));
            case "AssessmentOpenedEvent" -> new Sentence(
                    who + " mở đánh giá " + p.get("framework") + " cho " + p.get("subjectUnitId"),
                    by + " opened a " + p.get("framework") + " assessment of " + p.get("subjectUnitId"));
            case "PeriodClosedEvent" -> new Sentence(
                    who + " khóa kỳ " + p.get("year") + " của " + p.get("unitId"),
                    by + " closed the " + p.get("year") + " period of " + p.get("unitId"));
            case "PeriodReopenedEvent" -> new Sentence(
                    who + " mở lại kỳ " + p.get("year") + " của " + p.get("unitId"),
                    by + " reopened the " + p.get("year") + " period of " + p.get("unitId"));
            case "AssessmentScoresUpdatedEvent" -> new Sentence(
                    who + " cập nhật điểm bản đánh giá " + p.get("assessmentId") + " (kết quả tạm tính " + p.get("result") + ")",
                    by + " updated the scores of assessment " + p.get("assessmentId") + " (provisional result "
                            + p.get("result") + ")");
            case "AssessmentSubmittedEvent" -> new Sentence(
                    who + " nộp bản đánh giá " + p.get("assessmentId") + (Boolean.TRUE.equals(p.get("late")) ? " (trễ hạn)" : ""),
                    by + " submitted assessment " + p.get("assessmentId") + (Boolean.TRUE.equals(p.get("late")) ? " (late)" : ""));
            case "AssessmentReturnedEvent" -> new Sentence(
                    who + " trả lại bản đánh giá " + p.get("assessmentId") + ": " + p.get("reason"),
                    by + " returned assessment " + p.get("assessmentId") + ": " + p.get("reason"));
            case "AssessmentReviewedEvent" -> new Sentence(
                    who + " thẩm định bản đánh giá " + p.get("assessmentId") + ": " + p.get("result")
                            + (p.get("level") == null ? "" : " " + p.get("level")),
                    by + " reviewed assessment " + p.get("assessmentId") + ": " + p.get("result")
                            + (p.get("level") == null ? "" : " " + p.get("level")));
            case "AssessmentOverdueEvent" -> new Sentence(
                    "Bản đánh giá " + p.get("assessmentId") + " quá hạn nộp (hạn " + p.get("dueAt") + ")",
                    "Assessment " + p.get("assessmentId") + " is overdue (due " + p.get("dueAt") + ")");
            case "FrameworkVersionPublishedEvent" -> new Sentence(
                    who + " ban hành bộ tiêu chí " + p.get("code") + " phiên bản " + p.get("version") + " (" + p.get("source") + ")",
                    by + " published framework " + p.get("code") + " version " + p.get("version") + " (" + p.get("source") + ")");
            case "TitleFrameworkRegisteredEvent" -> new Sentence(
                    who + " ghi nhận " + p.get("code") + " phiên bản " + p.get("version") + " là bộ tiêu chí của danh hiệu "
                            + p.get("title") + " từ " + p.get("effectiveFrom"),
                    by + " recorded " + p.get("code") + " version " + p.get("version") + " as the framework of the title "
                            + p.get("title") + " from " + p.get("effectiveFrom"));
            case "IndicatorCataloguePublishedEvent" -> new Sentence(
                    who + " ban hành danh mục chỉ tiêu " + p.get("code") + " phiên bản " + p.get("version"),
                    by + " published the indicator catalogue " + p.get("code") + " version " + p.get("version"));
            case "MovementPublishedEvent" -> new Sentence(
                    who + " ban hành quy định phong trào thi đua " + p.get("code") + " phiên bản " + p.get("version"),
                    by + " published the rules of the emulation movement " + p.get("code") + " version " + p.get("version"));
            case "AwardCriteriaPublishedEvent" -> new Sentence(
                    who + " ban hành tiêu chí khen thưởng " + p.get("code") + " phiên bản " + p.get("version"),
                    by + " published the award criteria " + p.get("code") + " version " + p.get("version"));
            case "PcgdCyclePublishedEvent" -> new Sentence(
                    who + " ban hành lịch chốt số liệu và thẩm quyền công nhận PCGD-XMC phiên bản " + p.get("version"),
                    by + " published the universal-education cycle version " + p.get("version"));
            default -> null;
        };
    }

    /** A collective by its unit; a person or household never by name (personal data stays out of the history). */
    private static String subject(Map<?, ?> p, boolean vi) {
        Object kind = p.get("subjectKind");
        if ("TAP_THE".equals(kind)) {
            return (vi ? "tập thể " : "the collective ") + p.get("subjectUnitId");
        }
        return ("HO_GIA_DINH".equals(kind) ? (vi ? "một hộ gia đình ở " : "a household at ")
                : (vi ? "một cá nhân ở " : "a person at ")) + p.get("subjectUnitId");
    }

    private static int count(Object list) {
        return list instanceof java.util.Collection<?> items ? items.size() : 0;
    }

    private static String under(Object parent, String word) {
        return parent == null ? "" : word + parent;
    }
}
