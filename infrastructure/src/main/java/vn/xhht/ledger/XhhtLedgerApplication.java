package vn.xhht.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The composition root: command side, query side and infrastructure in one service. */
@SpringBootApplication
public class XhhtLedgerApplication {

    public static void main(String[] args) {
        disableUpdateChecker();
        SpringApplication.run(XhhtLedgerApplication.class, args);
    }

    /** A public-sector service does not phone home: Axon's update checker stays off unless explicitly enabled. */
    public static void disableUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
