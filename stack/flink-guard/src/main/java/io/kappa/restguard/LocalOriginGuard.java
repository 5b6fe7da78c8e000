package io.kappa.restguard;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelPipeline;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderValues;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpServerCodec;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's REST API accepts jar uploads and runs them, and answers every origin ({@code Access-Control-Allow-Origin:
 * *} by default): any web page a user opens while a cluster runs on their machine could run code as them. This
 * extension of the REST server (Flink's {@link InboundChannelHandlerFactory}, found by the JobManager through
 * {@code META-INF/services} when this jar is in its {@code lib/}) answers {@code 403} to a request whose {@code Host}
 * or {@code Origin} is not the cluster's own ({@link OriginPolicy}), before the request's body is read, so a refused
 * upload never reaches the disk. The web UI, the Flink CLI and the Kappa CLI are unaffected.
 *
 * <p>Set {@code kappa.rest.allowed-hosts} (default {@value #DEFAULT_HOSTS}) to the names users reach the REST API by,
 * or {@code *} to switch the host check off behind a proxy that does it.
 */
public class LocalOriginGuard implements InboundChannelHandlerFactory {
    public static final String DEFAULT_HOSTS = "localhost,127.0.0.1,[::1]";
    public static final ConfigOption<String> ALLOWED_HOSTS = ConfigOptions.key("kappa.rest.allowed-hosts")
            .stringType().defaultValue(DEFAULT_HOSTS)
            .withDescription("Host names the REST API answers to (comma-separated), or * for any.");
    static final String NAME = "kappa-rest-guard";
    private static final Logger LOG = LoggerFactory.getLogger(LocalOriginGuard.class);

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration, Map<String, String> responseHeaders) {
        String port = configuration.getOptional(RestOptions.BIND_PORT)
                .orElse(Integer.toString(configuration.get(RestOptions.PORT)));
        return Optional.of(new Installer(OriginPolicy.of(configuration.get(ALLOWED_HOSTS), port)));
    }

    /**
     * Flink adds the handlers of extensions after its upload handler; this one moves the guard right after the HTTP
     * codec, before anything reads a request's body.
     */
    static final class Installer extends ChannelHandlerAdapter {
        private final OriginPolicy policy;

        Installer(OriginPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
            if (codec != null) {
                pipeline.addAfter(codec.name(), NAME, new Guard(policy));
            } else {
                pipeline.addBefore(ctx.name(), NAME, new Guard(policy));
            }
            pipeline.remove(this);
        }
    }

    /** Refuses a request whose headers the policy refuses, and drops the rest of that request. One per connection. */
    static final class Guard extends ChannelInboundHandlerAdapter {
        private final OriginPolicy policy;
        private boolean refusing;

        Guard(OriginPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                String refusal = policy.refusal(request.headers().get(HttpHeaderNames.HOST),
                        request.headers().get(HttpHeaderNames.ORIGIN));
                refusing = refusal != null;
                if (refusing) {
                    LOG.warn("Refused {} {} from {}: {}", request.method(), request.uri(), ctx.channel().remoteAddress(),
                            refusal);
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.FORBIDDEN,
                            Unpooled.copiedBuffer(refusal + "\n", StandardCharsets.UTF_8));
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
                    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            }
            if (refusing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
