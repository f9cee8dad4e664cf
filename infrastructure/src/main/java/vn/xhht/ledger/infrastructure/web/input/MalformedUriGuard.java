package vn.xhht.ledger.infrastructure.web.input;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A request line whose URI is not a URI ({@code ?on=%ZZ}, a raw space) would be answered by the HTTP adapter with an
 * empty {@code 400} before any of the service sees it. This guard, first after the HTTP codec, replaces such a URI
 * by {@link #MALFORMED_URI_PATH}, which {@link QueryRulesFilter} answers as a problem like every other refusal.
 */
@Component
public class MalformedUriGuard implements NettyServerCustomizer {

    public static final String MALFORMED_URI_PATH = "/api/v1/problems/malformed-uri";

    private static final ChannelHandler GUARD = new Guard();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "xhht-malformed-uri", GUARD);
            }
        });
    }

    static boolean wellFormed(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @ChannelHandler.Sharable
    private static final class Guard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request && !wellFormed(request.uri())) {
                request.setUri(MALFORMED_URI_PATH);
            }
            context.fireChannelRead(message);
        }
    }
}
