package vn.xhht.ledger.command.emulation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.recognition.RegisteredTitles;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardRevokedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.CriterionCheck;
import vn.xhht.ledger.domain.emulation.EmulationMessages.DecideNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Decision;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ForgetPersonCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominateCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDecidedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDraftedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReturnedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReviewedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationState;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationSubmittedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PersonForgottenEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Recommendation;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReturnNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReviewNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.RevokeAwardCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SealedPerson;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Subject;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SubmitNominationCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.emulation.Movement.Occasion;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A nomination for an emulation award, given/when/then: drafted about a unit at or under the proposer, submitted when
 * the criteria hold, reviewed by the council of the deciding level (proposed up for the Prime Minister's award),
 * decided once per subject and occasion within the quota, returned, revoked, its person forgotten.
 */
class NominationAggregateTest {

    private static final String ID = "n-1";
    /** Hải Phòng (province) ⊃ huyện Thủy Nguyên (district) ⊃ its Phòng GDĐT (organisation), xã Lập Lễ (commune). */
    private static final Map<String, String> PARENT = Map.of("phong-gddt-tn", "thuy-nguyen", "lap-le", "thuy-nguyen",
                                                             "thuy-nguyen", "hai-phong");
    private static final Map<String, UnitKind> KIND = Map.of("phong-gddt-tn", UnitKind.ORGANISATION,
                                                             "lap-le", UnitKind.COMMUNE, "thuy-nguyen", UnitKind.DISTRICT,
                                                             "hai-phong", UnitKind.PROVINCE);
    private static final Instant NOW = Instant.parse("2024-12-25T03:00:00Z");
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    static final Movement MOVEMENT = new Movement(
            "PT-1315-2023", 1, "Cả nước thi đua xây dựng xã hội học tập", "QĐ 1315/QĐ-TTg", true, "KH163-2024-TDXHHT",
            "--12-05",
            List.of(new Movement.Phase("GD1_2023_2025", "Giai đoạn 1", LocalDate.of(2023, 11, 9), LocalDate.of(2025, 12, 31),
                                       List.of(Occasion.HANG_NAM, Occasion.SO_KET))),
            List.of(new Movement.Form("GIAY_KHEN", "Giấy khen", List.of(SubjectKind.TAP_THE, SubjectKind.CA_NHAN),
                                      List.of(new Movement.Deciders(LocalDate.of(2023, 1, 1),
                                                                    List.of(UnitKind.COMMUNE, UnitKind.DISTRICT, UnitKind.PROVINCE), false),
                                              new Movement.Deciders(REFORM, List.of(UnitKind.COMMUNE, UnitKind.PROVINCE), false)),
                                      false),
                    new Movement.Form("BANG_KHEN_TTCP", "Bằng khen của Thủ tướng", List.of(SubjectKind.TAP_THE),
                                      List.of(new Movement.Deciders(LocalDate.of(2023, 1, 1), List.of(UnitKind.PROVINCE), true)),
                                      false),
                    new Movement.Form("CO_THI_DUA_TINH", "Cờ thi đua", List.of(SubjectKind.TAP_THE), List.of(), true)),
            null);
    static final AwardCriteria CRITERIA = new AwardCriteria(
            "KH163-2024-TDXHHT", 1, "PT-1315-2023", "Tiêu chí", "KH 163/KH-SGDĐT", LocalDate.of(2024, 1, 31), true,
            List.of(new AwardCriteria.Group("PHONG_GDDT", "Phòng GDĐT", SubjectKind.TAP_THE, UnitKind.ORGANISATION,
                                            List.of(UnitKind.DISTRICT),
                                            List.of(new AwardCriteria.Criterion("TUYEN_TRUYEN", "Tuyên truyền",
                                                                                AwardCriteria.Check.ATTESTED, null),
                                                    new AwardCriteria.Criterion("DVHT_HUYEN", "Là Đơn vị học tập cấp huyện",
                                                                                AwardCriteria.Check.TITLE, Title.DON_VI_HOC_TAP))),
                    new AwardCriteria.Group("TRUC_THUOC_TINH", "Đơn vị trực thuộc tỉnh", SubjectKind.TAP_THE,
                                            UnitKind.ORGANISATION, List.of(UnitKind.PROVINCE),
                                            List.of(new AwardCriteria.Criterion("TUYEN_TRUYEN", "Tuyên truyền",
                                                                                AwardCriteria.Check.ATTESTED, null))),
                    new AwardCriteria.Group("CA_NHAN", "Cá nhân", SubjectKind.CA_NHAN, null, List.of(),
                                            List.of(new AwardCriteria.Criterion("CDHT", "Công dân học tập",
                                                                                AwardCriteria.Check.ATTESTED, null)))),
            null);

    private static final Subject OFFICE = new Subject(SubjectKind.TAP_THE, "phong-gddt-tn", null);
    private static final SealedPerson SEALED = new SealedPerson("p-1", "c2VhbGVk", "c2VhbGVk");
    private static final NominationDraftedEvent DRAFTED = new NominationDraftedEvent(
            ID, "PT-1315-2023", "GD1_2023_2025", Occasion.HANG_NAM, 2024, "GIAY_KHEN", SubjectKind.TAP_THE,
            "phong-gddt-tn", null, "unit:phong-gddt-tn", "Tham mưu kế hoạch 2024", "phong-gddt-tn");
    private static final List<CriterionCheck> CHECKS = List.of(
            new CriterionCheck("TUYEN_TRUYEN", "Tuyên truyền", AwardCriteria.Check.ATTESTED, true,
                               "Do phong-gddt-tn cam kết"),
            new CriterionCheck("DVHT_HUYEN", "Là Đơn vị học tập cấp huyện", AwardCriteria.Check.TITLE, true,
                               "Có danh hiệu DON_VI_HOC_TAP còn hiệu lực năm 2024"));
    private static final NominationSubmittedEvent SUBMITTED = new NominationSubmittedEvent(
            ID, "phong-gddt-tn", "phong-gddt-tn", "thuy-nguyen", false, "KH163-2024-TDXHHT", 1, CHECKS, null);
    private static final NominationReviewedEvent REVIEWED = new NominationReviewedEvent(
            ID, "phong-gddt-tn", "thuy-nguyen", Recommendation.PROPOSE, "Hội đồng thống nhất",
            NominationState.COUNCIL_REVIEWED);
    private static final NominationDecidedEvent AWARDED = new NominationDecidedEvent(
            ID, "phong-gddt-tn", "thuy-nguyen", "GIAY_KHEN", Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null);

    private FixtureConfiguration<NominationAggregate> fixture;
    private final Set<String> titled = new HashSet<>(Set.of("phong-gddt-tn"));
    /** The register and quota books as {@link AwardBooks} keeps them: register → nomination, quota → count. */
    private final Map<String, String> registers = new HashMap<>();
    private final Map<String, Integer> quotas = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NominationAggregate.class);
        fixture.registerInjectableResource(new Movements(null, null) {
            @Override
            public Movement movement(String code) {
                if (!code.equals(MOVEMENT.code())) {
                    throw new DomainException(ErrorCode.UNKNOWN_MOVEMENT, "movement", "No emulation movement " + code);
                }
                return MOVEMENT;
            }

            @Override
            public AwardCriteria criteriaOn(Movement movement, LocalDate day) {
                return CRITERIA;
            }
        });
        fixture.registerInjectableResource(new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                if (!KIND.containsKey(unitId)) {
                    throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
                }
                List<String> lineage = new java.util.ArrayList<>();
                for (String u = unitId; u != null; u = parentOn(u, date)) {
                    lineage.add(u);
                }
                return lineage;
            }

            private String parentOn(String unit, LocalDate date) {
                // after the reform the district is gone: its units stand directly under the province
                String parent = PARENT.get(unit);
                return !date.isBefore(REFORM) && "thuy-nguyen".equals(parent) ? "hai-phong" : parent;
            }

            @Override
            public UnitKind kindOf(String unitId, Field field) {
                return KIND.get(unitId);
            }
        });
        fixture.registerInjectableResource(new RegisteredTitles(null) {
            @Override
            public boolean holds(String subjectUnitId, Title title, int year) {
                return title == Title.DON_VI_HOC_TAP && year == 2024 && titled.contains(subjectUnitId);
            }
        });
        fixture.registerInjectableResource(new AwardBooks(null, null) {
            @Override
            public void requireNoAward(String registerId, String nominationId) {
                String holder = registers.get(registerId);
                if (holder != null && !holder.equals(nominationId)) {
                    throw new DomainException(ErrorCode.DUPLICATE_AWARD, "awarded to " + holder);
                }
            }

            @Override
            public void award(String registerId, String quotaId, String nominationId, String form, Integer quota) {
                requireNoAward(registerId, nominationId);
                int given = quotas.getOrDefault(quotaId, 0);
                if (quota != null && given >= quota) {
                    throw new DomainException(ErrorCode.QUOTA_EXCEEDED, "quota used up");
                }
                registers.put(registerId, nominationId);
                quotas.put(quotaId, given + 1);
            }

            @Override
            public void release(String registerId, String quotaId, String nominationId) {
                registers.remove(registerId, nominationId);
                quotas.merge(quotaId, -1, Integer::sum);
            }
        });
    }

    /** The events so far, on 25 December 2024 (the fixture's clock is the decision day's). */
    private org.axonframework.test.aggregate.TestExecutor<NominationAggregate> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static NominateCommand nominate(Subject subject, String proposer, String form, Occasion occasion, int year) {
        return new NominateCommand(ID, "PT-1315-2023", "GD1_2023_2025", occasion, year, form, subject,
                                   subject.person() == null ? "unit:" + subject.unitId() : "person:abc",
                                   "Tham mưu kế hoạch 2024", proposer);
    }

    private static java.util.function.Predicate<Throwable> refused(ErrorCode code, String property) {
        return refused(code, property == null ? null : Field.of(property));
    }

    private static java.util.function.Predicate<Throwable> refused(ErrorCode code, Field field) {
        return e -> e instanceof DomainException d && d.code() == code && (field == null || field.equals(d.field()));
    }

    @Test
    void canDraftANominationOfACollectiveByItself() {
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "GIAY_KHEN", Occasion.HANG_NAM, 2024))
               .expectEvents(DRAFTED);
    }

    @Test
    void canDraftANominationOfAPersonWithTheirDataSealed() {
        Subject teacher = new Subject(SubjectKind.CA_NHAN, "lap-le", SEALED);
        fixture.givenCurrentTime(NOW)
               .when(nominate(teacher, "thuy-nguyen", "GIAY_KHEN", Occasion.HANG_NAM, 2024))
               .expectEvents(new NominationDraftedEvent(ID, "PT-1315-2023", "GD1_2023_2025", Occasion.HANG_NAM, 2024,
                                                        "GIAY_KHEN", SubjectKind.CA_NHAN, "lap-le", SEALED, "person:abc",
                                                        "Tham mưu kế hoạch 2024", "thuy-nguyen"));
    }

    @Test
    void cannotDraftANominationForAUnitNotUnderTheProposer() {
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "lap-le", "GIAY_KHEN", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.INVALID_HIERARCHY, "proposedByUnitId")));
    }

    @Test
    void cannotDraftAnAwardTheMovementDoesNotGiveOrKeepsReserved() {
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "HUAN_CHUONG", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "form")));
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "CO_THI_DUA_TINH", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "form")));
    }

    @Test
    void cannotDraftAYearOutsideThePhaseOrAReviewOutsideItsYear() {
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "GIAY_KHEN", Occasion.HANG_NAM, 2026))
               .expectException(predicate(refused(ErrorCode.DATE_OUT_OF_RANGE, "year")));
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "GIAY_KHEN", Occasion.SO_KET, 2024))
               .expectException(predicate(refused(ErrorCode.DATE_OUT_OF_RANGE, "year")));
        fixture.givenCurrentTime(NOW)
               .when(nominate(OFFICE, "phong-gddt-tn", "GIAY_KHEN", Occasion.TONG_KET, 2025))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "occasion")));
    }

    @Test
    void cannotDraftForAPhaseTheMovementDoesNotHave() {
        NominateCommand command = nominate(OFFICE, "phong-gddt-tn", "GIAY_KHEN", Occasion.HANG_NAM, 2024);
        fixture.givenCurrentTime(NOW)
               .when(new NominateCommand(command.nominationId(), command.movement(), "GD9", command.occasion(),
                                         command.year(), command.form(), command.subject(), command.subjectKey(),
                                         command.achievements(), command.proposedByUnitId()))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "phase")));
    }

    @Test
    void cannotDraftAPersonWithoutANameOrACollectiveWithOne() {
        fixture.givenCurrentTime(NOW)
               .when(nominate(new Subject(SubjectKind.CA_NHAN, "lap-le", null), "lap-le", "GIAY_KHEN", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "subject.name")));
        fixture.givenCurrentTime(NOW)
               .when(nominate(new Subject(SubjectKind.TAP_THE, "lap-le", SEALED), "lap-le", "GIAY_KHEN", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "subject.name")));
        fixture.givenCurrentTime(NOW)
               .when(nominate(new Subject(SubjectKind.CA_NHAN, "lap-le", SEALED), "lap-le", "BANG_KHEN_TTCP", Occasion.HANG_NAM, 2024))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "subject.kind")));
    }

    @Test
    void canSubmitANomineeHoldingTheTitleItsCriteriaName() {
        given(DRAFTED)
               .when(new SubmitNominationCommand(ID, null))
               .expectEvents(SUBMITTED);
    }

    @Test
    void cannotSubmitAPhongGddtWithoutAValidLearningUnitTitle() {
        titled.clear();
        given(DRAFTED)
               .when(new SubmitNominationCommand(ID, null))
               .expectException(predicate(refused(ErrorCode.CRITERIA_NOT_MET, Field.of("criteria").key("DVHT_HUYEN"))));
    }

    @Test
    void cannotSubmitASubjectNoGroupOfTheCriteriaCovers() {
        given(new NominationDraftedEvent(ID, "PT-1315-2023", "GD1_2023_2025", Occasion.HANG_NAM, 2024, "GIAY_KHEN",
                                                 SubjectKind.TAP_THE, "lap-le", null, "unit:lap-le", "Thành tích",
                                                 "lap-le"))
               .when(new SubmitNominationCommand(ID, null))
               .expectException(predicate(refused(ErrorCode.CRITERIA_NOT_MET, "subject")));
    }

    @Test
    void canSubmitToTheProvinceAfterTheReformRemovedTheDistrict() {
        fixture.givenCurrentTime(Instant.parse("2025-08-01T03:00:00Z")).andGiven(DRAFTED)
               .when(new SubmitNominationCommand(ID, null))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                       org.axonframework.test.matchers.Matchers.exactSequenceOf(predicate(p ->
                               p instanceof NominationSubmittedEvent s && s.decidingUnitId().equals("hai-phong")))));
    }

    @Test
    void cannotSubmitASubjectAlreadyAwardedForTheOccasion() {
        registers.put(EmulationMessages.registerId("unit:phong-gddt-tn", "PT-1315-2023", "GD1_2023_2025",
                                                   Occasion.HANG_NAM, 2024), "n-0");
        given(DRAFTED)
               .when(new SubmitNominationCommand(ID, null))
               .expectException(predicate(refused(ErrorCode.DUPLICATE_AWARD, (Field) null)));
    }

    @Test
    void canBeReviewedByTheCouncilThenAwarded() {
        given(DRAFTED, SUBMITTED)
               .when(new ReviewNominationCommand(ID, Recommendation.PROPOSE, "Hội đồng thống nhất"))
               .expectEvents(REVIEWED);
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null, null))
               .expectEvents(AWARDED);
    }

    @Test
    void canBeProposedUpWhenTheDeciderIsAboveTheService() {
        NominationSubmittedEvent up = new NominationSubmittedEvent(ID, "phong-gddt-tn", "phong-gddt-tn", "hai-phong", true,
                                                                   "KH163-2024-TDXHHT", 1, CHECKS, null);
        given(DRAFTED, up)
               .when(new ReviewNominationCommand(ID, Recommendation.PROPOSE, "Đề nghị Thủ tướng"))
               .expectEvents(new NominationReviewedEvent(ID, "phong-gddt-tn", "hai-phong", Recommendation.PROPOSE,
                                                         "Đề nghị Thủ tướng", NominationState.PROPOSED_UP));
    }

    @Test
    void canBeRejectedByTheCouncilAfterWhichNothingIsDecided() {
        NominationReviewedEvent rejected = new NominationReviewedEvent(ID, "phong-gddt-tn", "thuy-nguyen",
                                                                       Recommendation.REJECT, "Chưa đủ thành tích",
                                                                       NominationState.REJECTED);
        given(DRAFTED, SUBMITTED)
               .when(new ReviewNominationCommand(ID, Recommendation.REJECT, "Chưa đủ thành tích"))
               .expectEvents(rejected);
        given(DRAFTED, SUBMITTED, rejected)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null, null))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
    }

    @Test
    void cannotBeDecidedBeforeTheCouncilReviewedIt() {
        given(DRAFTED, SUBMITTED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null, null))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
    }

    @Test
    void cannotBeAwardedTwiceForTheSameOccasion() {
        registers.put(EmulationMessages.registerId("unit:phong-gddt-tn", "PT-1315-2023", "GD1_2023_2025",
                                                   Occasion.HANG_NAM, 2024), "n-0");
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null, null))
               .expectException(predicate(refused(ErrorCode.DUPLICATE_AWARD, (Field) null)));
    }

    @Test
    void cannotBeAwardedBeyondTheQuota() {
        quotas.put(EmulationMessages.quotaId("thuy-nguyen", "GIAY_KHEN", "PT-1315-2023", "GD1_2023_2025",
                                             Occasion.HANG_NAM, 2024), 3);
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2024, 12, 20), null, 3))
               .expectException(predicate(refused(ErrorCode.QUOTA_EXCEEDED, (Field) null)));
    }

    @Test
    void cannotBeDecidedWithoutANumberOrInTheFutureOrRejectedWithoutAReason() {
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, " ", LocalDate.of(2024, 12, 20), null, null))
               .expectException(predicate(refused(ErrorCode.VALIDATION_FAILED, "decisionNumber")));
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.AWARDED, "12/QĐ-UBND", LocalDate.of(2025, 1, 5), null, null))
               .expectException(predicate(refused(ErrorCode.DATE_OUT_OF_RANGE, "decidedOn")));
        given(DRAFTED, SUBMITTED, REVIEWED)
               .when(new DecideNominationCommand(ID, Decision.REJECTED, "13/QĐ-UBND", LocalDate.of(2024, 12, 20), null, null))
               .expectException(predicate(refused(ErrorCode.REASON_REQUIRED, "reason")));
    }

    @Test
    void canBeReturnedWithAReasonAndSubmittedAgain() {
        NominationReturnedEvent returned = new NominationReturnedEvent(ID, "phong-gddt-tn", "phong-gddt-tn", "Bổ sung hồ sơ");
        given(DRAFTED, SUBMITTED)
               .when(new ReturnNominationCommand(ID, "Bổ sung hồ sơ"))
               .expectEvents(returned);
        given(DRAFTED, SUBMITTED, returned)
               .when(new SubmitNominationCommand(ID, "Thành tích bổ sung"))
               .expectEvents(new NominationSubmittedEvent(ID, "phong-gddt-tn", "phong-gddt-tn", "thuy-nguyen", false,
                                                          "KH163-2024-TDXHHT", 1, CHECKS, "Thành tích bổ sung"));
    }

    @Test
    void cannotBeReturnedWithoutAReasonOrOnceDecided() {
        given(DRAFTED, SUBMITTED)
               .when(new ReturnNominationCommand(ID, " "))
               .expectException(predicate(refused(ErrorCode.REASON_REQUIRED, "reason")));
        given(DRAFTED, SUBMITTED, REVIEWED, AWARDED)
               .when(new ReturnNominationCommand(ID, "Sai"))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
    }

    @Test
    void canRevokeAnAwardWithAReasonWhichFreesTheOccasion() {
        String register = EmulationMessages.registerId("unit:phong-gddt-tn", "PT-1315-2023", "GD1_2023_2025",
                                                       Occasion.HANG_NAM, 2024);
        registers.put(register, ID);
        given(DRAFTED, SUBMITTED, REVIEWED, AWARDED)
               .when(new RevokeAwardCommand(ID, "Gian lận hồ sơ"))
               .expectEvents(new AwardRevokedEvent(ID, "phong-gddt-tn", "Gian lận hồ sơ"));
        org.junit.jupiter.api.Assertions.assertFalse(registers.containsKey(register));
    }

    @Test
    void cannotRevokeWhatWasNotAwarded() {
        given(DRAFTED, SUBMITTED)
               .when(new RevokeAwardCommand(ID, "Gian lận"))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
    }

    @Test
    void canForgetTheNominatedPersonOnceAndOnlyAPerson() {
        NominationDraftedEvent person = new NominationDraftedEvent(ID, "PT-1315-2023", "GD1_2023_2025", Occasion.HANG_NAM,
                                                                   2024, "GIAY_KHEN", SubjectKind.CA_NHAN, "lap-le", SEALED,
                                                                   "person:abc", "Thành tích", "lap-le");
        PersonForgottenEvent forgotten = new PersonForgottenEvent(ID, "lap-le", "p-1", "Yêu cầu của chủ thể dữ liệu");
        given(person)
               .when(new ForgetPersonCommand(ID, "Yêu cầu của chủ thể dữ liệu"))
               .expectEvents(forgotten);
        given(person, forgotten)
               .when(new ForgetPersonCommand(ID, "Lần nữa"))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
        given(DRAFTED)
               .when(new ForgetPersonCommand(ID, "Không có người"))
               .expectException(predicate(refused(ErrorCode.INVALID_TRANSITION, (Field) null)));
    }
}
