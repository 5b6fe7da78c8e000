package io.kappa.client.cassandra;

import io.kappa.client.versions.Serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.driver.core.Row;
import io.kappa.cassandra.Tables;
import java.lang.reflect.Proxy;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowMapperTest {

    /** A driver row of the given cells, by index, as selected with {@code Table.select}. */
    private static Row row(Object... cells) {
        return (Row) Proxy.newProxyInstance(Row.class.getClassLoader(), new Class<?>[] {Row.class}, (proxy, m, args) -> {
            Object cell = cells[(Integer) args[0]];
            return switch (m.getName()) {
                case "isNull" -> cell == null;
                case "getLong" -> cell == null ? 0L : cell;
                case "getInt" -> cell == null ? 0 : cell;
                case "getDouble" -> cell == null ? 0.0 : cell;
                case "getString", "getTimestamp" -> cell;
                default -> throw new UnsupportedOperationException(m.getName());
            };
        });
    }

    @Test
    void theReadersRecordsMirrorTheirTables() {
        RowMapper.of(Tables.WORD_COUNTS, WordCounts.Count.class);
        RowMapper.of(Tables.WEATHER_LATEST, WeatherReadings.LatestRow.class);
        RowMapper.of(Tables.WEATHER_OBSERVATIONS, WeatherReadings.ObservationRow.class);
        RowMapper.of(Tables.WEATHER_WINDOWS, WeatherReadings.WindowRow.class);
        RowMapper.of(Tables.SERVING, Serving.Promotion.class);
    }

    @Test
    void aRowBecomesTheRecordByColumnNameInAnyOrder() {
        // word_counts_by_window: window_start, word, window_end, count; Count is (windowStart, windowEnd, word, count)
        WordCounts.Count c = RowMapper.of(Tables.WORD_COUNTS, WordCounts.Count.class)
                .map(row(new Date(60_000), "fox", new Date(120_000), 7L));
        assertThat(c).isEqualTo(new WordCounts.Count(60_000, 120_000, "fox", 7));
    }

    @Test
    void aNullCellIsNullInABoxedComponentAndZeroInAPrimitiveOne() {
        record Window(long cityId, Long windowEnd, Long readings, Double minTempC, String topCondition) {}
        Window w = RowMapper.of(Tables.WEATHER_WINDOWS, Window.class)
                .map(row(2643743L, new Date(0), null, null, null, null, null, null, null, null));
        assertThat(w).isEqualTo(new Window(2643743L, null, null, null, null));
        record Key(long cityId, long windowStart) {}
        assertThat(RowMapper.of(Tables.WEATHER_WINDOWS, Key.class).map(row(1L, null, null, null, null, null, null, null,
                null, null))).isEqualTo(new Key(1, 0));
    }

    @Test
    void aRecordThatDoesNotMatchItsTableFailsWhenItsMapperIsMade() {
        record Typo(long windowStart, String wrod) {}
        assertThatThrownBy(() -> RowMapper.of(Tables.WORD_COUNTS, Typo.class))
                .hasMessageContaining("Typo.wrod is no column of table word_counts_by_window");
        record WrongType(String count) {}
        assertThatThrownBy(() -> RowMapper.of(Tables.WORD_COUNTS, WrongType.class))
                .hasMessageContaining("WrongType.count is a String, but column count is bigint");
    }

    @Test
    void columnNamesInCamelCase() {
        assertThat(List.of("city_id", "temp_c", "windspeed", "max_wind_kmh").stream().map(RowMapper::camelCase))
                .containsExactly("cityId", "tempC", "windspeed", "maxWindKmh");
    }
}
