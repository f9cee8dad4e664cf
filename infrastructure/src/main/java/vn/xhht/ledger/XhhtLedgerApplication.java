package vn.xhht.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class XhhtLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(XhhtLedgerApplication.class, args);
    }
}
