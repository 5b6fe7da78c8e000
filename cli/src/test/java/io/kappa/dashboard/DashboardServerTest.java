package io.kappa.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.dashboard.DashboardJson.CityWeather;
import io.kappa.dashboard.DashboardJson.Latest;
import io.kappa.dashboard.DashboardJson.Pipeline;
import io.kappa.dashboard.DashboardJson.TopWords;
import io.kappa.dashboard.DashboardJson.WordSeries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server on a free loopback port over canned data: the page, Chart.js from its WebJar, the JSON, the errors. */
class DashboardServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DashboardServer server;

    /** Words and weather answer; the pipeline says Flink is away; a keyspace named "broken" fails like a down Cassandra. */
    static class Canned implements DashboardSource {
        @Override
        public String flinkUrl() {
            return "http://127.0.0.1:1";
        }

        @Override
        public String fixedKeyspace() {
            return null;
        }

        private static String ks(String keyspace) {
            if ("broken".equals(keyspace)) {
                throw new IllegalStateException("cannot reach Cassandra at 127.0.0.1:1 (--cassandra-hosts, --cassandra-port)");
            }
            return keyspace == null ? "kappa" : keyspace;
        }

        @Override
        public TopWords top(String keyspace, String window, int n) {
            return new TopWords(ks(keyspace), "2026-11-22T10:00:00Z", "2026-11-22T10:01:00Z", List.of("2026-11-22T10:00:00Z"),
                    List.of(new DashboardJson.WordCount("apple", 7), new DashboardJson.WordCount("banana", 5)).subList(0, Math.min(n, 2)));
        }

        @Override
        public WordSeries word(String keyspace, String word, int last) {
            return new WordSeries(ks(keyspace), word, List.of(new DashboardJson.Point("2026-11-22T10:00:00Z",
                    "2026-11-22T10:01:00Z", 7)));
        }

        @Override
        public Latest latest(String keyspace) {
            return new Latest(ks(keyspace), List.of(new DashboardJson.LatestReading(2643743, "London", "GB", 11.5, 9.8, 20.2,
                    "Moderate breeze", "SW", "Clouds", "2026-11-22 10:00", "2026-11-22T10:00:00Z")));
        }

        @Override
        public CityWeather city(String keyspace, String idOrName, int last) {
            return new CityWeather(ks(keyspace), 2643743, "London", List.of(), List.of());
        }

        @Override
        public Pipeline pipeline() {
            return new Pipeline(flinkUrl(), "cannot reach the Flink REST API at http://127.0.0.1:1", List.of(), List.of("kappa"),
                    "kappa", true, null);
        }

        @Override
        public void close() {}
    }

    @BeforeAll
    static void start() {
        server = DashboardServer.start(new Canned(), "127.0.0.1", 0, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void thePageAndItsScriptsAreServedWithChartJsFromTheWebJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"words-top-chart\"", "id=\"weather-latest\"", "id=\"pipeline-jobs\"",
                "src=\"/vendor/chart.umd.js\"", "src=\"/dashboard.js\"");
        assertThat(get("/dashboard.js").body()).contains("window.kappaDashboard");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);

        HttpResponse<String> redirect = get("/vendor/chart.umd.js");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/webjars/chart.js/" + DashboardServer.chartJsVersion() + "/dist/chart.umd.js");
        HttpResponse<String> chartJs = get(URI.create(location).getPath());
        assertThat(chartJs.statusCode()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart.js v" + DashboardServer.chartJsVersion());

        assertThat(get("/io/kappa/dashboard/DashboardServer.class").statusCode()).isEqualTo(404);
    }

    @Test
    void endpointsAnswerJson() throws Exception {
        assertThat(json("/api/config", 200).path("refreshMillis").asLong()).isEqualTo(2000);
        JsonNode top = json("/api/words/top?n=1", 200);
        assertThat(top.path("words").toString()).isEqualTo("[{\"word\":\"apple\",\"count\":7}]");
        assertThat(json("/api/words/word?w=apple&keyspace=kappa_v2", 200).path("keyspace").asText()).isEqualTo("kappa_v2");
        assertThat(json("/api/weather/latest", 200).path("cities").get(0).path("tempC").asDouble()).isEqualTo(11.5);
        assertThat(json("/api/weather/city?id=London", 200).path("city").asText()).isEqualTo("London");
        JsonNode pipeline = json("/api/pipeline", 200);
        assertThat(pipeline.path("flinkError").asText()).contains("cannot reach the Flink REST API");
        assertThat(pipeline.path("served").asText()).isEqualTo("kappa");
    }

    @Test
    void aBadParameterIs400AndAnUnreadableSourceIs503WithTheMessage() throws Exception {
        assertThat(json("/api/words/top?n=lots", 400).path("error").asText())
                .isEqualTo("n must be a whole number from 1 to 200, was 'lots'");
        assertThat(json("/api/words/top?keyspace=broken", 503).path("error").asText())
                .startsWith("cannot reach Cassandra at 127.0.0.1:1");
    }

    /** A request with the headers a browser would send, through a plain socket (HttpClient will not set Host). */
    static String rawStatusLine(int port, String host, String origin, String path) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Connection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void anotherSiteOrAnotherHostNameIsRefused() throws Exception {
        int port = server.port();
        assertThat(rawStatusLine(port, "127.0.0.1:" + port, null, "/api/config")).contains(" 200");
        assertThat(rawStatusLine(port, "localhost:" + port, "http://localhost:" + port, "/api/config")).contains(" 200");
        assertThat(rawStatusLine(port, "127.0.0.1:" + port, "http://evil.example", "/api/config")).contains(" 403");
        assertThat(rawStatusLine(port, "evil.example:" + port, null, "/api/weather/latest")).as("DNS rebinding")
                .contains(" 403");
        assertThat(rawStatusLine(port, "evil.example:" + port, null, "/")).as("the page too").contains(" 403");
    }
}
