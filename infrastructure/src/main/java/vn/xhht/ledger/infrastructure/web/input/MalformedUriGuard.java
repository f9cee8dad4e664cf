package vn.xhht.ledger.infrastructure.web.input;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import org.springframework.http.HttpStatus;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.Problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Refusals that happen before the web layer sees a request are problems too. First after the HTTP codec:
 * <ul>
 *   <li>a request line whose URI is not a URI ({@code ?on=%ZZ}, a raw space) would be answered by the HTTP adapter
 *   with an empty {@code 400}; its URI is replaced by {@link #MALFORMED_URI_PATH}, which {@link QueryRulesFilter}
 *   answers like every other refusal (after authentication);</li>
 *   <li>a request the codec could not read (a request line over 4 KB: {@code 414}; headers over
 *   {@code server.max-http-request-header-size}: {@code 431}; anything else: {@code 400}) is answered here with a
 *   {@code problem+json} and the connection closed, as the HTTP server would have done without a body.</li>
 * </ul>
 */
@Component
public class MalformedUriGuard implements NettyServerCustomizer {

    public static final String MALFORMED_URI_PATH = "/api/v1/problems/malformed-uri";

    private final ChannelHandler guard;

    public MalformedUriGuard(Problems problems) {
        this.guard = new Guard(problems);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "xhht-malformed-request", guard);
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
        private final Problems problems;

        Guard(Problems problems) {
            this.problems = problems;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpObject http && http.decoderResult().isFailure()) {
                Throwable cause = http.decoderResult().cause();
                ReferenceCountUtil.release(message);
                refuse(context, cause);
                return;
            }
            if (message instanceof HttpRequest request && !wellFormed(request.uri())) {
                request.setUri(MALFORMED_URI_PATH);
            }
            context.fireChannelRead(message);
        }

        private void refuse(ChannelHandlerContext context, Throwable cause) {
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            String detail = status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "The request line is too long"
                    : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE ? "The request's headers are too large"
                    : "The request could not be read as HTTP";
            // no instance: the request line could not be read
            byte[] body = problems.bytes(HttpStatus.valueOf(status.code()), ErrorCode.MALFORMED_REQUEST.name(), detail,
                                         null, List.of());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
