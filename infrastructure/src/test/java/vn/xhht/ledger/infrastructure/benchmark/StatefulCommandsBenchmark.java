package vn.xhht.ledger.infrastructure.benchmark;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.state.ActionChain;
import vn.xhht.ledger.infrastructure.fuzz.StatefulCommandsTest;
import vn.xhht.ledger.infrastructure.fuzz.World;

/**
 * The stateful test's long mode: {@code ./benchmark -Dtest=StatefulCommandsBenchmark} runs 200 sequences of up to 14
 * commands with a fresh seed (printed in the report), besides the suite's fixed-seed run it inherits.
 */
class StatefulCommandsBenchmark extends StatefulCommandsTest {

    @Property(tries = 200, shrinking = ShrinkingMode.FULL)
    void longSequencesKeepTheLogTheViewsTheScopeAndTheFiguresRight(@ForAll("sequences") ActionChain<World> sequence)
            throws Exception {
        sequence.run().check();
    }
}
