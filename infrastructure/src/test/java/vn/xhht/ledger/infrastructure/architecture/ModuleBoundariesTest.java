package vn.xhht.ledger.infrastructure.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of DEVELOPERS.md, checked on the compiled classes so they cannot rot. */
class ModuleBoundariesTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                     .importPackages("vn.xhht.ledger");
    }

    @Test
    void theDomainIsPureJavaPlusAxonAnnotations() {
        classes().that().resideInAPackage("vn.xhht.ledger.domain..")
                 .should().onlyDependOnClassesThat()
                 .resideInAnyPackage("vn.xhht.ledger.domain..", "java..",
                                     "org.axonframework.modelling.command..", "org.axonframework.serialization..")
                 .check(all);
    }

    @Test
    void theCommandSideDoesNotKnowTheQuerySideOrTheInfrastructure() {
        noClasses().that().resideInAPackage("vn.xhht.ledger.command..")
                   .should().dependOnClassesThat()
                   .resideInAnyPackage("vn.xhht.ledger.query..", "vn.xhht.ledger.infrastructure..", "com.mongodb..",
                                       "org.bson..")
                   .check(all);
    }

    @Test
    void theQuerySideDoesNotKnowTheCommandSideOrTheInfrastructure() {
        noClasses().that().resideInAPackage("vn.xhht.ledger.query..")
                   .should().dependOnClassesThat()
                   .resideInAnyPackage("vn.xhht.ledger.command..", "vn.xhht.ledger.infrastructure..")
                   .check(all);
    }

    /**
     * The command side reads no view to decide: what a rule needs about other units comes from their aggregates (a
     * unit's children from its register of children), never over the query bus.
     */
    @Test
    void theCommandSideReadsNoViewToDecide() {
        noClasses().that().resideInAPackage("vn.xhht.ledger.command..")
                   .should().dependOnClassesThat().resideInAPackage("org.axonframework.queryhandling..")
                   .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Query")
                   .orShould().dependOnClassesThat().haveSimpleNameEndingWith("View")
                   .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Queries")
                   .check(all);
    }

    /**
     * A rule lives in the aggregate that owns the invariant: every command is handled on an aggregate; what spans
     * aggregates is a named policy passed to its handler.
     */
    @Test
    void everyCommandIsDecidedByAnAggregate() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
                .that().areAnnotatedWith(org.axonframework.commandhandling.CommandHandler.class)
                .should().beDeclaredInClassesThat().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .check(all);
    }

    /**
     * What answers a request runs on Reactor Netty's event loop (or the reactive driver's threads): it never waits.
     * Blocking is left to the composition root (start-up loading of data files), the projections' own threads and
     * reads moved to {@code boundedElastic}; on an event loop Reactor would refuse it at run time anyway — this rule
     * finds it before then. Query handlers answer futures; the query side's blocking reads are its projections'.
     */
    @Test
    void nothingThatAnswersARequestBlocks() {
        noClasses().that().resideInAnyPackage("vn.xhht.ledger.infrastructure.web..", "vn.xhht.ledger.infrastructure.exchange..",
                                              "vn.xhht.ledger.infrastructure.security..", "vn.xhht.ledger.infrastructure.audit..",
                                              "vn.xhht.ledger.infrastructure.privacy..")
                   .should().callMethodWhere(BLOCKING)
                   .because("a blocked event loop stalls every request it carries")
                   .check(all);
    }

    /**
     * A query is answered without waiting on a thread: the query side's handlers answer futures composed on the
     * reactive driver's callbacks. A class that answers queries may block only where its projection is reset or
     * written (the projection's own threads), never in a query handler or anything else it declares.
     */
    @Test
    void noQueryHandlerBlocks() {
        var answersQueries = com.tngtech.archunit.base.DescribedPredicate.<com.tngtech.archunit.core.domain.JavaClass>describe(
                "answer queries", c -> c.getMethods().stream().anyMatch(
                        m -> m.isAnnotatedWith(org.axonframework.queryhandling.QueryHandler.class)));
        noClasses().that().resideInAPackage("vn.xhht.ledger.query..").and(answersQueries)
                   .should().callMethodWhere(BLOCKING.and(com.tngtech.archunit.base.DescribedPredicate.describe(
                           "outside a reset or event handler",
                           call -> !call.getOrigin().isAnnotatedWith(org.axonframework.eventhandling.ResetHandler.class)
                                   && !call.getOrigin().isAnnotatedWith(org.axonframework.eventhandling.EventHandler.class))))
                   .because("a query handler's thread carries other answers")
                   .check(all);
    }

    /** A call that waits for a Reactor publisher ({@code block}, {@code blockFirst}, {@code blockLast}). */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall> BLOCKING =
            com.tngtech.archunit.base.DescribedPredicate.describe("a call blocking on a Reactor publisher",
                    call -> call.getTarget().getName().startsWith("block")
                            && (call.getTargetOwner().isAssignableTo(reactor.core.publisher.Mono.class)
                                || call.getTargetOwner().isAssignableTo(reactor.core.publisher.Flux.class)));

    /**
     * One way to write a view: projections change documents through their batch ({@code ViewBatch}: read ahead, write
     * once at the batch's end, replayable in memory); only the indicator view keeps its own book of figures
     * ({@code FigureBook} and its nested writes, with the journal that makes it exactly-once across nodes). Dropping a
     * collection on reset is not a write of a document.
     */
    @Test
    void viewsAreWrittenThroughTheirBatch() {
        noClasses().that().resideInAPackage("vn.xhht.ledger.query..")
                   .and().doNotHaveFullyQualifiedName("vn.xhht.ledger.query.support.ViewBatch")
                   .and().haveNameNotMatching("vn\\.xhht\\.ledger\\.query\\.indicator\\.FigureBook(\\$.*)?")
                   .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                           com.tngtech.archunit.base.DescribedPredicate.describe("a document write",
                                   target -> target.getName().matches("(insert|replace|update|delete|findOneAnd|bulkWrite).*")))
                           .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                   com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                           com.tngtech.archunit.base.DescribedPredicate.describe("a MongoDB collection",
                                                   owner -> owner.isAssignableTo(com.mongodb.reactivestreams.client.MongoCollection.class)
                                                           || owner.isAssignableTo(com.mongodb.client.MongoCollection.class))))))
                   .check(all);
        classes().that().resideInAPackage("vn.xhht.ledger.query..")
                 .and().areAnnotatedWith(org.axonframework.config.ProcessingGroup.class)
                 .should().beAssignableTo(vn.xhht.ledger.query.support.Replayable.class)
                 .check(all);
    }

    @Test
    void theEventStoreIsOursAndNotTheAxonMongoExtension() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework.extensions.mongo..")
                   .check(all);
    }

    @Test
    void businessRulesAreRefusedWithDomainExceptionsNotIllegalStateExceptions() {
        noClasses().that().resideInAnyPackage("vn.xhht.ledger.domain..", "vn.xhht.ledger.command..")
                   .should().dependOnClassesThat().areAssignableTo(IllegalStateException.class)
                   .check(all);
    }

    /**
     * Dates are derived from an instant in one zone, the programme's: nothing asks the system for today's date in
     * its own zone or in UTC ({@code LocalDate.now()}, {@code LocalDate.now(ZoneOffset.UTC)}, {@code Year.now()}),
     * and only the clock bean and the event store's instants use a system clock.
     */
    @Test
    void datesAreDerivedInTheProgrammesZoneFromTheOneClock() {
        noClasses().should().callMethod(java.time.LocalDate.class, "now")
                   .orShould().callMethod(java.time.LocalDate.class, "now", java.time.ZoneId.class)
                   .orShould().callMethod(java.time.LocalDateTime.class, "now")
                   .orShould().callMethod(java.time.LocalDateTime.class, "now", java.time.ZoneId.class)
                   .orShould().callMethod(java.time.Year.class, "now")
                   .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                   .check(all);
        noClasses().that().resideInAnyPackage("vn.xhht.ledger.infrastructure.web..", "vn.xhht.ledger.command..",
                                              "vn.xhht.ledger.query..", "vn.xhht.ledger.domain..")
                   .should().callMethod(java.time.Clock.class, "systemUTC")
                   .check(all);
    }

    /**
     * Every command names the aggregate it is about (Axon's {@code @TargetAggregateIdentifier}, as giftcard-demo
     * does): a request retried after a crash finds the events its first attempt stored there.
     */
    @Test
    void everyCommandNamesItsTargetAggregate() {
        var commands = all.stream().filter(c -> c.getPackageName().startsWith("vn.xhht.ledger.domain")
                                                && c.getSimpleName().endsWith("Command") && c.isRecord()).toList();
        org.assertj.core.api.Assertions.assertThat(commands).hasSizeGreaterThan(15);
        for (var command : commands) {
            String first = command.reflect().getRecordComponents()[0].getName();
            org.assertj.core.api.Assertions.assertThat(command.getField(first).isAnnotatedWith(
                            org.axonframework.modelling.command.TargetAggregateIdentifier.class))
                    .as("%s names its target aggregate in its first component", command.getSimpleName()).isTrue();
        }
    }
}
