package vn.xhht.ledger.infrastructure.benchmark;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import vn.xhht.ledger.infrastructure.fuzz.ApiFuzzTest;
import vn.xhht.ledger.infrastructure.fuzz.HostileRequests.Probe;

/**
 * The API fuzzer's long mode: {@code ./benchmark -Dtest=ApiFuzzBenchmark -Djqwik.tries.default=50000} sends that
 * many hostile requests with a fresh seed each run (printed in the report, so a failure can be replayed with
 * {@code @Property(seed = ...)}), besides the suite's fixed-seed run it inherits.
 */
class ApiFuzzBenchmark extends ApiFuzzTest {

    @Property(shrinking = ShrinkingMode.FULL)
    void freshSeedsFindNoRequestThatBreaksTheContract(@ForAll("hostileRequests") Probe probe) throws Exception {
        judge(probe);
    }
}
