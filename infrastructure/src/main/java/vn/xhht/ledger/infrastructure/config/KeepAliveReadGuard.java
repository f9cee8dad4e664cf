package vn.xhht.ledger.infrastructure.config;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * Works around reactor/reactor-netty#4361 (present in 1.2.18, the newest 1.2.x for Spring Boot 3.5): when a
 * request arrives on a keep-alive connection while the previous response is still being finished, Reactor Netty
 * buffers it, answers it, and then never asks the socket for more — the connection's next request is read only
 * when the client gives up and closes it. This was the "rare stall" of the test suite and the benchmark.
 *
 * <p>The guard asks the channel for one more read after every finished response. The read happens after the
 * response's operations have ended, so Reactor Netty handles whatever arrives as a fresh request; when Reactor Netty
 * has asked for a read itself the extra one changes nothing. Remove it once a fixed Reactor Netty is in the
 * Spring Boot line we use ({@code KeepAliveTest} shows whether it is still needed).
 */
@Component
public class KeepAliveReadGuard implements NettyServerCustomizer {

    static final String NAME = "xhht-keep-alive-read-guard";
    private static final String TERMINATED_EVENT = "HttpServerOperationsTerminatedEvent";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NAME) == null) {
                channel.pipeline().addFirst(NAME, new ResumeReadAfterResponse());
            }
        });
    }

    static final class ResumeReadAfterResponse extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (TERMINATED_EVENT.equals(event.getClass().getSimpleName())) {
                // after the handlers that are ending the response have run
                ctx.executor().execute(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.channel().read();
                    }
                });
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
