package io.kappa.restguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.embedded.EmbeddedChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpMethod;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpObject;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class LocalOriginGuardTest {
    private static final OriginPolicy POLICY = OriginPolicy.of(LocalOriginGuard.DEFAULT_HOSTS, "8081");

    @Test
    void theWebUiAndClientsWithoutAnOriginPassOtherOriginsAndHostsDoNot() {
        assertThat(POLICY.refusal("localhost:8081", null)).isNull();
        assertThat(POLICY.refusal("127.0.0.1:8081", "http://127.0.0.1:8081")).isNull();
        assertThat(POLICY.refusal("LOCALHOST:8081", "http://localhost:8081")).isNull();
        assertThat(POLICY.refusal("[::1]:8081", "http://[::1]:8081")).isNull();
        assertThat(POLICY.refusal(null, null)).isNull();
        assertThat(POLICY.refusal("localhost:8081", "http://evil.example")).startsWith("Origin http://evil.example");
        assertThat(POLICY.refusal("localhost:8081", "http://localhost:3000")).as("another local web app").isNotNull();
        assertThat(POLICY.refusal("localhost:8081", "null")).as("a sandboxed frame or a file").isNotNull();
        assertThat(POLICY.refusal("localhost:8081", "file://")).isNotNull();
        assertThat(POLICY.refusal("evil.example:8081", null)).as("DNS rebinding").startsWith("Host evil.example:8081");
        assertThat(POLICY.refusal("localhost.evil.example", null)).isNotNull();
        assertThat(OriginPolicy.of("*", "8081-8090").refusal("flink.internal:8085", "https://flink.internal:8085"))
                .isNull();
    }

    private static EmbeddedChannel channel() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, 8081);
        ChannelHandler installer = new LocalOriginGuard().createHandler(conf, Map.of()).orElseThrow();
        return new EmbeddedChannel(new org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpServerCodec(),
                installer);
    }

    @Test
    void aRefusedUploadIsAnsweredWith403AndItsBodyNeverPassesOn() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new LocalOriginGuard.Guard(POLICY));
        HttpRequest upload = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/jars/upload");
        upload.headers().set("Host", "localhost:8081").set("Origin", "http://evil.example");
        ch.writeInbound(upload);
        assertThat((Object) ch.readInbound()).as("nothing reaches Flink's handlers").isNull();
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("not this cluster's web UI");
        assertThat(ch.isOpen()).as("closed: the body is never read").isFalse();
    }

    @Test
    void anAllowedRequestPassesUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new LocalOriginGuard.Guard(POLICY));
        DefaultFullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/overview");
        get.headers().set("Host", "localhost:8081").set("Origin", "http://localhost:8081");
        ch.writeInbound(get);
        assertThat((HttpObject) ch.readInbound()).isSameAs(get);
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void theInstallerPutsTheGuardRightAfterTheHttpCodec() {
        EmbeddedChannel ch = channel();
        assertThat(ch.pipeline().names()).containsSubsequence("HttpServerCodec#0", LocalOriginGuard.NAME);
        assertThat(ch.pipeline().get(LocalOriginGuard.Installer.class)).isNull();
    }
}
