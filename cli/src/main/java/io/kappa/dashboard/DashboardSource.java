package io.kappa.dashboard;

/**
 * What the dashboard's endpoints answer. {@link DashboardData} reads Cassandra and Flink; a test can give canned
 * answers. A method throws IllegalArgumentException for a bad parameter and any other exception, with a message
 * fit for the page, when it cannot read its source.
 *
 * <p>{@code keyspace} is the output version a request names, or null for the dashboard's default.
 */
public interface DashboardSource extends AutoCloseable {
    String flinkUrl();

    /** The keyspace given on the command line, or null when the dashboard follows the served one. */
    String fixedKeyspace();

    DashboardJson.TopWords top(String keyspace, String window, int n);

    DashboardJson.WordSeries word(String keyspace, String word, int last);

    DashboardJson.Latest latest(String keyspace);

    DashboardJson.CityWeather city(String keyspace, String idOrName, int last);

    DashboardJson.Pipeline pipeline();

    @Override
    void close();
}
