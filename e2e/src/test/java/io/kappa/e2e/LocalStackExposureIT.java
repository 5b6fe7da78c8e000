package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local stack serves only the local user: the Flink REST API (the same one that uploads and runs jars) answers
 * its own web UI and clients without an origin, and refuses any other web page's origin and any host name a page could
 * make resolve to this machine, before the request's body is read; the stack's folder is its owner's alone. (The web
 * UI's own jar submission through a browser: FlinkWebUiIT.)
 */
class LocalStackExposureIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.config().flinkRestUrl() + path));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRestApiAnswersOnlyItsOwnOriginAndHostNames() throws Exception {
        String ui = STACK.config().flinkRestUrl();
        HttpResponse<String> plain = get("/overview", null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).contains(ui);
        assertThat(get("/overview", ui).statusCode()).isEqualTo(200);
        assertThat(get("/overview", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(get("/jars", "http://localhost:1").statusCode()).as("another local web app").isEqualTo(403);
        int port = STACK.config().flinkRestPort();
        assertThat(rawStatusLine(port, "evil.example:" + port, "GET /jars HTTP/1.1")).as("DNS rebinding").contains(" 403");
        assertThat(rawStatusLine(port, "localhost:" + port, "GET /jars HTTP/1.1")).contains(" 200");
    }

    @Test
    void aForeignPageCannotUploadAJar() throws Exception {
        int before = jarCount();
        String boundary = "kappa" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"evil.jar\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\nPK-not-really-a-jar\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(STACK.config().flinkRestUrl()
                        + "/jars/upload")).header("Origin", "http://evil.example")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("not this cluster's web UI");
        assertThat(jarCount()).isEqualTo(before);
        Path uploads = STACK.config().stateDir().resolve("flink").resolve("uploads");
        try (Stream<Path> files = Files.walk(uploads)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.contains("evil"));
        }
    }

    @Test
    void theStacksFolderIsPrivate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STACK.config().stateDir())))
                .isEqualTo("rwx------");
    }

    private static int jarCount() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/jars", null).body()).path("files").size();
    }

    /** A request with its own Host header, through a plain socket (HttpClient will not set Host). */
    private static String rawStatusLine(int port, String host, String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
