package io.kappa.client.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenWeather client against a local HTTP server that serves recorded responses (there is no internet here). */
class OpenWeatherClientTest {
    private static final String KEY = "s3cr3t-key-123";
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/2.5/weather", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            String file;
            int status;
            if (!query.contains("appid=" + KEY)) {
                status = 401;
                file = "401.json";
            } else if (query.contains("id=2988507")) {
                status = 429;
                file = "429.json";
            } else {
                status = 200;
                file = "london-200.json";
            }
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("/openweather/" + file)) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void fetchesTheCurrentWeatherOfACityById() {
        String doc = new OpenWeatherClient(base(), KEY, Duration.ofSeconds(5)).current(2643743);
        assertThat(doc).contains("\"name\":\"London\"", "\"dt\":1763802000");
        assertThat(queries).containsExactly("id=2643743&appid=" + KEY);
    }

    @Test
    void a401SaysToCheckTheKeyWithoutPrintingIt() {
        assertThatThrownBy(() -> new OpenWeatherClient(base(), "wrong-key", Duration.ofSeconds(5)).current(2643743))
                .isInstanceOf(OpenWeatherClient.OpenWeatherException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("--api-key-file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key"));
    }

    @Test
    void a429SaysToSlowDown() {
        assertThatThrownBy(() -> new OpenWeatherClient(base(), KEY, Duration.ofSeconds(5)).current(2988507))
                .hasMessageContaining("HTTP 429").hasMessageContaining("--interval")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void noNetworkSaysSoAndPointsToTheOfflineSimulator() {
        String closed = "http://127.0.0.1:" + io.kappa.stack.Ports.free();
        assertThatThrownBy(() -> new OpenWeatherClient(closed, KEY, Duration.ofSeconds(2)).current(2643743))
                .hasMessageContaining("cannot reach OpenWeather").hasMessageContaining("offline simulator")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void noKeyAtAllIsAClearError() {
        assertThatThrownBy(() -> new OpenWeatherClient(base(), null, Duration.ofSeconds(2)))
                .hasMessageContaining("OPENWEATHER_API_KEY");
    }
}
