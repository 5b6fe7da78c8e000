package io.kappa.client.generate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The OpenWeather "current weather" API ({@code GET /data/2.5/weather?id=…&appid=…}), for when a key and a
 * network exist. The key is never printed or logged: no message of this class contains the request URL.
 */
public final class OpenWeatherClient {
    public static final String DEFAULT_BASE_URL = "https://api.openweathermap.org";

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http;

    /** A failed call, with a message that says what to do. */
    public static class OpenWeatherException extends IllegalStateException {
        private final int status;

        OpenWeatherException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no answer. */
        public int status() {
            return status;
        }
    }

    public OpenWeatherClient(String baseUrl, String apiKey, Duration timeout) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("no OpenWeather API key: set OPENWEATHER_API_KEY or pass --api-key-file "
                    + "(or leave out --openweather to use the offline simulator)");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The current weather document of a city, as the API sends it. */
    public String current(long cityId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/data/2.5/weather?id=" + cityId + "&appid="
                + java.net.URLEncoder.encode(apiKey, java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new OpenWeatherException(0, "OpenWeather at " + baseUrl + " did not answer in time: no network? "
                    + "(leave out --openweather to use the offline simulator)");
        } catch (IOException e) {
            throw new OpenWeatherException(0, "cannot reach OpenWeather at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + "): no network? (leave out --openweather to use the offline simulator)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenWeatherException(0, "interrupted");
        }
        return switch (response.statusCode()) {
            case 200 -> response.body();
            case 401 -> throw new OpenWeatherException(401, "OpenWeather rejected the API key (HTTP 401): check OPENWEATHER_API_KEY "
                    + "or --api-key-file; a new key can take a few hours to become active");
            case 404 -> throw new OpenWeatherException(404, "OpenWeather does not know city id " + cityId + " (HTTP 404)");
            case 429 -> throw new OpenWeatherException(429, "OpenWeather's rate limit was reached (HTTP 429): wait a "
                    + "minute, fetch fewer cities or use a longer --interval");
            default -> throw new OpenWeatherException(response.statusCode(), "OpenWeather answered HTTP "
                    + response.statusCode() + " for city " + cityId);
        };
    }
}
