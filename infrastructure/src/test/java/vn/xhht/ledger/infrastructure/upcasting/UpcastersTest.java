package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOpenedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReviewedEvent;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;
import vn.xhht.ledger.domain.framework.IndicatorValue;
import vn.xhht.ledger.domain.plan.PlanContent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.infrastructure.config.AxonConfiguration;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before per-level targets (revision 1, no revision) read as today's records. */
class UpcastersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JacksonSerializer serializer = AxonConfiguration.jacksonSerializer();
    private final EventUpcaster chain = new EventUpcasterChain(new FrameworkKindsUpcaster(), new FrameworkSurveyFieldsUpcaster(),
                                                                     new AssessmentValuesUpcaster(), new PlanItemIdsUpcaster(),
                                                                     new IndicatorLevelsUpcaster());

    @Test
    void aFrameworkPublishedBeforePerLevelTargetsNamesTheKindItsDocumentImplied() throws Exception {
        String allMet = """
                {"code": "TT24-2023-DVHT", "version": 1, "contentHash": "h", "source": "frameworks/TT24-2023-DVHT.yml",
                 "framework": {"code": "TT24-2023-DVHT", "version": 1, "title": "t", "regulation": "r",
                   "effectiveFrom": "2024-01-29", "decision": "ALL_MET", "levels": ["MUC_DO_1", "MUC_DO_2"],
                   "validityYears": 3, "filingDeadline": "--01-15", "provisional": true,
                   "criteria": [{"code": "TC1", "name": "c", "indicators": [
                     {"code": "TC1.1", "name": "a", "maxPoints": null, "levels": ["MUC_DO_1"]},
                     {"code": "TC1.3", "name": "b", "maxPoints": null, "levels": ["MUC_DO_2"]}]}]}}""";
        FrameworkVersionPublishedEvent event = read(allMet, FrameworkVersionPublishedEvent.class, null);
        assertThat(event.framework().indicators()).extracting(CriteriaFramework.Indicator::kind)
                                                   .containsExactly(IndicatorKind.CONDITION, IndicatorKind.CONDITION);
        assertThat(event.framework().requiredFor("MUC_DO_1")).extracting(CriteriaFramework.Indicator::code)
                                                               .containsExactly("TC1.1");

        String points = allMet.replace("\"ALL_MET\"", "\"POINTS\"").replace("\"maxPoints\": null, \"levels\": [\"MUC_DO_1\"]", "\"maxPoints\": 10, \"levels\": null");
        assertThat(read(points, FrameworkVersionPublishedEvent.class, null).framework().indicators().get(0).kind())
                .isEqualTo(IndicatorKind.POINTS);
    }

    @Test
    void aFrameworkAlreadyAtRevisionTwoIsLeftAsItIs() throws Exception {
        String withoutKind = """
                {"code": "X", "version": 1, "framework": {"code": "X", "decision": "ALL_MET", "levels": ["MUC_DO_1"],
                 "criteria": [{"code": "TC1", "name": "c", "indicators": [{"code": "A", "name": "a", "levels": ["MUC_DO_1"]}]}]}}""";
        assertThat(read(withoutKind, FrameworkVersionPublishedEvent.class, "2").framework().indicators().get(0).kind())
                .isNull();
    }

    @Test
    void aFrameworkOfRevisionTwoReadsAsRevisionThreeWithNoSurveyFieldsOrRollUp() throws Exception {
        String revisionTwo = """
                {"code": "TT24-2023-DVHT", "version": 2, "framework": {"code": "TT24-2023-DVHT", "decision": "ALL_MET",
                 "levels": ["MUC_DO_1"], "criteria": [{"code": "TC2", "name": "c", "indicators": [
                   {"code": "TC2.3", "name": "a", "kind": "RATIO", "min": {"MUC_DO_1": 90}}]}]}}""";
        FrameworkVersionPublishedEvent event = read(revisionTwo, FrameworkVersionPublishedEvent.class, "2");
        CriteriaFramework.Indicator indicator = event.framework().indicators().get(0);
        assertThat(indicator.kind()).isEqualTo(IndicatorKind.RATIO);
        assertThat(indicator.min()).containsEntry("MUC_DO_1", new BigDecimal("90"));
        assertThat(indicator.numerator()).isNull();
        assertThat(indicator.prerequisite()).isNull();
        assertThat(event.framework().rollup()).isNull();
    }

    @Test
    void anIndicatorCataloguePublishedBeforeLevelsCountsItsTitleHoldersAtAnyLevel() throws Exception {
        String published = """
                {"code": "XHHT-INDICATORS", "version": 1, "contentHash": "h", "source": "indicators/XHHT-INDICATORS.yml",
                 "catalogue": {"code": "XHHT-INDICATORS", "version": 1, "title": "t", "provisional": true, "indicators": [
                   {"code": "COMMUNES_TITLED", "name": {"vi": "a", "en": "a"}, "rollUp": "RATIO_OF_SUMS",
                    "numerator": {"kind": "TITLE_HOLDERS", "title": "CONG_DONG_HOC_TAP_XA"},
                    "denominator": {"kind": "UNIT_COUNT", "unitKind": "COMMUNE"}}]}}""";
        var event = read(published, vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent.class, null);
        var numerator = event.catalogue().indicators().get(0).numerator();
        assertThat(numerator.level()).isNull();
        assertThat(numerator.key("COMMUNES_TITLED", true)).isEqualTo("T_CONG_DONG_HOC_TAP_XA");
    }

    @Test
    void assessmentEventsOfRevisionOneReadTheirPointsAndMetUnchanged() throws Exception {
        String opened = """
                {"assessmentId": "a1", "subjectUnitId": "u", "framework": "TT22-2020-DVHT", "frameworkVersion": 1,
                 "year": 2023, "scores": [{"indicator": "TC1.1", "points": 8, "met": null, "evidence": "e"}],
                 "total": 8, "result": "CHUA_DAT", "dueAt": "2024-01-15T00:00:00Z"}""";
        AssessmentOpenedEvent event = read(opened, AssessmentOpenedEvent.class, null);
        assertThat(event.scores().get(0).value()).isEqualTo(IndicatorValue.ofPoints(new BigDecimal("8")));

        String reviewed = """
                {"assessmentId": "a1", "adjustments": [{"indicator": "TC1.1", "selfPoints": null, "selfMet": true,
                 "points": null, "met": false, "reason": "no minutes"}], "result": "CHUA_DAT", "reviewedOn": "2024-02-01"}""";
        AssessmentReviewedEvent review = read(reviewed, AssessmentReviewedEvent.class, null);
        assertThat(review.adjustments().get(0).selfValue()).isEqualTo(IndicatorValue.ofMet(true));
        assertThat(review.adjustments().get(0).reviewedValue().shown()).isEqualTo(new vn.xhht.ledger.domain.framework.IndicatorValue.Met(false));
    }

    @Test
    void aPlanDraftedBeforeItemIdsGivesItsTasksAndDeadlinesTheIdsOfTheirPlaces() throws Exception {
        String drafted = """
                {"planId": "p1", "issuerUnitId": "cu-chi", "number": "1/KH", "title": "t", "issuedOn": "2023-02-01",
                 "period": {"from": "2023-01-01", "to": "2023-12-31"}, "basis": [], "targets": [],
                 "tasks": [{"content": "Tuyên truyền", "leadUnitId": "cu-chi", "coordinatingUnitIds": [], "timeframe": "Quý I"},
                           {"content": "Mở lớp", "leadUnitId": null, "coordinatingUnitIds": [], "timeframe": "Quý II"}],
                 "deadlines": [{"what": "Báo cáo 6 tháng", "due": "2023-06-20"}]}""";
        PlanDraftedEvent event = read(drafted, PlanDraftedEvent.class, null);
        assertThat(event.tasks()).extracting(PlanContent.Task::taskId)
                .containsExactly(PlanContent.itemId("p1", "task", 1), PlanContent.itemId("p1", "task", 2));
        assertThat(event.tasks().get(0).content()).isEqualTo("Tuyên truyền");
        assertThat(event.deadlines().get(0)).isEqualTo(new PlanContent.Deadline(
                PlanContent.itemId("p1", "deadline", 1), "Báo cáo 6 tháng", java.time.LocalDate.of(2023, 6, 20), null,
                List.of(), null));

        String amended = """
                {"planId": "p1", "targets": [], "tasks": [{"content": "Mở lớp", "coordinatingUnitIds": []}],
                 "deadlines": [], "reason": "r"}""";
        PlanAmendedEvent amendment = read(amended, PlanAmendedEvent.class, null);
        assertThat(amendment.tasks().get(0).taskId()).isEqualTo(PlanContent.itemId("p1", "task", 1));
    }

    private <T> T read(String json, Class<T> type, String revision) throws Exception {
        JsonNode payload = JSON.readTree(json);
        GenericDomainEventEntry<JsonNode> stored = new GenericDomainEventEntry<>(
                "Aggregate", "id", 0, "event-id", java.time.Instant.EPOCH, type.getName(), revision, payload,
                JSON.readTree("{}"));
        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        SerializedType upcastType = upcast.get(0).getType();
        String current = type == FrameworkVersionPublishedEvent.class ? FrameworkMessages.PUBLISHED_REVISION : "2";
        assertThat(upcastType.getRevision()).isEqualTo(current);
        JsonNode data = upcast.get(0).getData(JsonNode.class).getData();
        return serializer.deserialize(new SimpleSerializedObject<>(data, JsonNode.class,
                                                                   new SimpleSerializedType(type.getName(), current)));
    }
}
