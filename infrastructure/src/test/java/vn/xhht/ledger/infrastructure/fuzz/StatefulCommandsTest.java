package vn.xhht.ledger.infrastructure.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

/**
 * Random sequences of valid commands — baselines, title batches, moves of villages and merges of communes with past
 * valid dates, renames, a plan's close and reopen, assessments, recognitions — from several users, each sequence in
 * a province of its own. After each sequence: {@code /audit/verify} is ok; every view equals what a verified rebuild
 * gives; a viewer scoped to one district reads nothing outside it; and the indicator figures equal the sums of the
 * baselines and batches the service accepted. A failing sequence is shrunk to a minimal one.
 */
public class StatefulCommandsTest {

    static ServiceUnderTest service;
    static KeyPair jwtKeys;

    @BeforeContainer
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        jwtKeys = generator.generateKeyPair();
        Path pem = Files.createTempFile("xhht-jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(jwtKeys.getPublic().getEncoded())
                               + "\n-----END PUBLIC KEY-----\n");
        service = new ServiceUnderTest("spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem);
        service.awaitFramework("TT25-2023-CDHT-XA");
    }

    @AfterContainer
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 8, seed = "20261129", shrinking = ShrinkingMode.FULL)
    void anySequenceOfValidCommandsKeepsTheLogTheViewsTheScopeAndTheFiguresRight(
            @ForAll("sequences") ActionChain<World> sequence) throws Exception {
        sequence.run().check();
    }

    @Provide
    protected Arbitrary<ActionChain<World>> sequences() {
        return ActionChain.startWith(() -> new World(service, jwtKeys))
                          .withAction(3, new SetBaseline())
                          .withAction(4, new RecordBatch())
                          .withAction(2, new MoveVillage())
                          .withAction(1, new MergeCommunes())
                          .withAction(1, new Rename())
                          .withAction(1, new ClosePlan())
                          .withAction(1, new ReopenPlan())
                          .withAction(1, new OpenAssessment())
                          .withAction(1, new GrantTitle())
                          .withMaxTransformations(14);
    }

    private static Arbitrary<LocalDate> daysOf(int fromYear, int toYear) {
        return Arbitraries.integers().between(0, (toYear - fromYear + 1) * 365 - 1)
                          .map(d -> LocalDate.of(fromYear, 1, 1).plusDays(d));
    }

    static class SetBaseline implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.villages), Arbitraries.longs().between(0, 5000))
                              .as((village, households) -> Transformer.mutate(
                                      "baseline " + village + " households=" + households, w -> {
                                          if (w.send("planner", "PUT", "/units/" + village + "/baselines/" + World.YEAR,
                                                     Map.of("households", households), "baseline " + village + "=" + households)) {
                                              w.households.put(village, households);
                                          }
                                      }));
        }
    }

    static class RecordBatch implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.villages), Arbitraries.longs().between(1, 300), daysOf(World.YEAR, World.YEAR))
                              .as((village, count, decided) -> Transformer.mutate(
                                      "batch " + village + " count=" + count + " on " + decided, w -> {
                                          if (w.send("recognizer", "POST", "/recognition-batches", Map.of(
                                                  "unitId", village, "title", "GIA_DINH_HOC_TAP", "year", World.YEAR, "count", count,
                                                  "decisionNumber", "QĐ-" + count, "decidedOn", decided.toString()),
                                                     "batch " + village + "+" + count + " on " + decided)) {
                                              w.titled.merge(village, count, Long::sum);
                                          }
                                      }));
        }
    }

    static class MoveVillage implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.villages), Arbitraries.of(world.liveCommunes()), daysOf(2021, 2025))
                              .as((village, commune, from) -> Transformer.mutate(
                                      "move " + village + " under " + commune + " from " + from,
                                      w -> w.send("admin", "POST", "/units/" + village + "/move", Map.of(
                                              "parentId", commune, "validFrom", from.toString(), "reason", "Sắp xếp lại thôn"),
                                                  "move " + village + "→" + commune + " from " + from)));
        }
    }

    /** Merges the first district's second commune into its first (children follow); the other stays out of scope. */
    static class MergeCommunes implements Action.Dependent<World> {
        @Override
        public boolean precondition(World world) {
            return !world.merged.contains(world.communes.get(1));
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return daysOf(2023, 2025).map(from -> Transformer.mutate("merge " + world.communes.get(1) + " from " + from, w -> {
                if (w.send("admin", "POST", "/units/" + w.communes.get(1) + "/merge", Map.of(
                        "intoId", w.communes.get(0), "validFrom", from.toString(), "reason", "Sáp nhập theo nghị quyết"),
                           "merge xa-2→xa-1 from " + from)) {
                    w.merged.add(w.communes.get(1));
                }
            }));
        }
    }

    static class Rename implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.villages), daysOf(2021, 2025))
                              .as((unit, from) -> Transformer.mutate("rename " + unit + " from " + from,
                                                                     w -> w.send("admin", "POST", "/units/" + unit + "/rename", Map.of(
                                                                             "name", "Thôn " + from.getYear(), "validFrom", from.toString(),
                                                                             "reason", "Đổi tên"), "rename " + unit)));
        }
    }

    static class ClosePlan implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("close the plan", w -> w.send(
                    "planner", "POST", "/plans/" + w.plan + "/close", Map.of("reason", "Chốt số liệu năm"), "close")));
        }
    }

    static class ReopenPlan implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("reopen the plan", w -> w.send(
                    "planner", "POST", "/plans/" + w.plan + "/reopen", Map.of("reason", "Bổ sung số liệu"), "reopen")));
        }
    }

    static class OpenAssessment implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Arbitraries.of(world.liveCommunes()).map(commune -> Transformer.mutate("assess " + commune, w -> w.send(
                    "assessor", "POST", "/assessments", Map.of("subjectUnitId", commune, "framework", "TT25-2023-CDHT-XA",
                                                                "year", World.YEAR), "assess " + commune)));
        }
    }

    static class GrantTitle implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.villages), daysOf(World.YEAR, World.YEAR))
                              .as((village, decided) -> Transformer.mutate("grant " + village, w -> w.send(
                                      "recognizer", "POST", "/recognitions", Map.of("title", "CONG_DONG_HOC_TAP", "subjectUnitId", village,
                                                                                    "year", World.YEAR, "decisionNumber", "QĐ-CĐ",
                                                                                    "decidedOn", decided.toString()), "grant " + village)));
        }
    }
}
