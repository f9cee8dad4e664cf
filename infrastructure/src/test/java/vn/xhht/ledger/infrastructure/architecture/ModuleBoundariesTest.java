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
}
