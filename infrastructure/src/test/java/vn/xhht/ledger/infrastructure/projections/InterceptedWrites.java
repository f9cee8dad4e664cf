package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A view's database whose bulk writes to one collection fail or wait, as a dying or slow node's would. */
final class InterceptedWrites {

    private InterceptedWrites() {
    }

    /** Bulk writes to {@code collection} fail while {@code failing} says so. */
    static MongoDatabase failing(MongoDatabase database, String collection, BooleanSupplier failing) {
        return intercepting(database, collection, (target, method, args) -> failing.getAsBoolean()
                ? Mono.error(new IOException("the node died")) : method.invoke(target, args));
    }

    /** Bulk writes to {@code collection} are sent only once {@code held} is released (at most 30 s). */
    static MongoDatabase held(MongoDatabase database, String collection, CountDownLatch held) {
        return intercepting(database, collection, (target, method, args) -> Mono
                .fromCallable(() -> held.await(30, TimeUnit.SECONDS)).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> {
                    try {
                        return Mono.from((Publisher<?>) method.invoke(target, args));
                    } catch (ReflectiveOperationException e) {
                        return Mono.error(e);
                    }
                })));
    }

    private interface BulkWrite {
        Object call(Object target, Method method, Object[] args) throws Exception;
    }

    private static MongoDatabase intercepting(MongoDatabase database, String collection, BulkWrite bulkWrite) {
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object answer = method.invoke(database, args);
                    if (method.getName().equals("getCollection") && collection.equals(args[0])) {
                        Object target = answer;
                        return Proxy.newProxyInstance(
                                MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                                (p, m, a) -> m.getName().equals("bulkWrite") ? bulkWrite.call(target, m, a)
                                        : m.invoke(target, a));
                    }
                    return answer;
                });
    }
}
