package io.kappa.dashboard;

import com.datastax.driver.core.exceptions.DriverException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.kappa.restguard.OriginPolicy;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code bin/kappa dashboard}'s web server: a static page (classpath {@value #PAGE}), Chart.js from its WebJar,
 * and JSON endpoints over a {@link DashboardSource} ({@link DashboardData}: Cassandra and Flink). An endpoint that
 * cannot answer says why as {@code {"error": "..."}} (400 for a bad parameter, 503 when Cassandra or Flink cannot be
 * read), which the page shows. It answers only requests for its own host names and from its own page ({@link
 * OriginPolicy}, as the Flink REST API of the local stack does): another site open in the browser, or one that makes its
 * name resolve to this machine, gets 403.
 */
public final class DashboardServer implements AutoCloseable {
    static final String PAGE = "/io/kappa/dashboard/static";
    private static final String CHART_JS_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    /** Host names the dashboard answers to besides a specific --bind address. */
    public static final String LOCAL_HOSTS = "localhost,127.0.0.1,[::1]";

    private final DashboardSource data;
    private final Javalin app;
    private volatile OriginPolicy policy;

    private DashboardServer(DashboardSource data, Duration refresh) {
        this.data = data;
        String chartJs = "/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js";
        DashboardJson.Config config = new DashboardJson.Config(data.fixedKeyspace(), refresh.toMillis(), data.flinkUrl(),
                chartJs);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = PAGE;
                s.location = Location.CLASSPATH;
            });
            c.staticFiles.enableWebjars();
        });
        app.before(ctx -> {
            OriginPolicy p = policy;
            String refusal = p == null ? "not started" : p.refusal(ctx.header("Host"), ctx.header("Origin"));
            if (refusal != null) {
                throw new ForbiddenResponse(refusal);
            }
        });
        app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
        app.get("/vendor/chart.umd.js", ctx -> ctx.redirect(chartJs));
        app.get("/api/config", ctx -> ctx.json(config));
        app.get("/api/words/top", ctx -> ctx.json(data.top(ctx.queryParam("keyspace"), ctx.queryParam("window"),
                intParam(ctx, "n", 10, 1, 200))));
        app.get("/api/words/word", ctx -> ctx.json(data.word(ctx.queryParam("keyspace"), ctx.queryParam("w"),
                intParam(ctx, "last", 30, 1, 1000))));
        app.get("/api/weather/latest", ctx -> ctx.json(data.latest(ctx.queryParam("keyspace"))));
        app.get("/api/weather/city", ctx -> ctx.json(data.city(ctx.queryParam("keyspace"), ctx.queryParam("id"),
                intParam(ctx, "last", 48, 1, 1000))));
        app.get("/api/pipeline", ctx -> ctx.json(data.pipeline()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 503, e));
    }

    /**
     * Starts the dashboard, answering to {@link #LOCAL_HOSTS} and the bind address.
     *
     * @param port 0 for any free port (see {@link #port()})
     */
    public static DashboardServer start(DashboardSource data, String bind, int port, Duration refresh) {
        return start(data, bind, port, refresh, null);
    }

    /**
     * As {@link #start(DashboardSource, String, int, Duration)}, answering to these host names too (comma-separated;
     * the names a network reaches the machine by when it listens on 0.0.0.0), or to any with {@code *}.
     */
    public static DashboardServer start(DashboardSource data, String bind, int port, Duration refresh, String moreHosts) {
        DashboardServer server = new DashboardServer(data, refresh);
        try {
            server.app.start(bind, port);
        } catch (JavalinBindException e) {
            throw new IllegalStateException("cannot listen on " + bind + ":" + port + " (--bind, --port): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        String hosts = LOCAL_HOSTS + "," + (bind.contains(":") ? "[" + bind + "]" : bind)
                + (moreHosts == null ? "" : "," + moreHosts);
        server.policy = OriginPolicy.of(hosts, Integer.toString(server.app.port()));
        return server;
    }

    public int port() {
        return app.port();
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    private static void error(Context ctx, int status, Exception e) {
        ctx.status(status).json(new DashboardJson.Error(message(e)));
    }

    /** One line for the page: the project's own messages as they are, the driver's and others with their source. */
    static String message(Exception e) {
        if (e instanceof DriverException) {
            return "Cassandra: " + e.getMessage();
        }
        if (e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    /** The Chart.js version of the WebJar on the classpath: its path under /webjars/ carries it. */
    static String chartJsVersion() {
        try (InputStream in = DashboardServer.class.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CHART_JS_POM + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        app.stop();
        data.close();
    }
}
