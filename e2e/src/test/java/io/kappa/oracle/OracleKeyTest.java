package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.defaults;
import static io.kappa.oracle.OracleFixtures.doc;
import static io.kappa.oracle.OracleFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule 4's reading key, write timestamp and the equal-dt collision warning. */
class OracleKeyTest {

    private static final String LONDON_TEXT =
            "2643743|1719835200|293.15|50|1012|5.0|90|Clear|clear sky|London|GB|51.50853|-0.12574|Europe/London";

    @Test
    void theCanonicalText() {
        assertThat(Oracle.readingKeyText(LONDON, B, 293.15, 50, 1012, 5.0, 90, "Clear", "clear sky", "London", "GB",
                51.50853, -0.12574, "Europe/London")).isEqualTo(LONDON_TEXT);
        // numbers as Java prints them
        assertThat(Oracle.readingKeyText(1, 946_684_800, 300, 0, 800, 0.0001, 360, "Rain", "light rain", "X", "US",
                -0.0, 1e-5, "UTC-05:00"))
                .isEqualTo("1|946684800|300.0|0|800|1.0E-4|360|Rain|light rain|X|US|-0.0|1.0E-5|UTC-05:00");
    }

    @Test
    void theKeyIsTheFirstEightBytesOfSha256BigEndian() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(LONDON_TEXT.getBytes(StandardCharsets.UTF_8));
        BigInteger expected = new BigInteger(1, Arrays.copyOf(sha, 8)); // unsigned
        long k = Oracle.readingKey(LONDON, B, 293.15, 50, 1012, 5.0, 90, "Clear", "clear sky", "London", "GB",
                51.50853, -0.12574, "Europe/London");
        assertThat(new BigInteger(Long.toUnsignedString(k))).isEqualTo(expected);
        assertThat(Oracle.keyMod(k)).isEqualTo(expected.mod(BigInteger.valueOf(1_000_000)).longValueExact());
        assertThat(Oracle.writeTime(B, k)).isEqualTo(B * 1_000_000 + Oracle.keyMod(k));
    }

    @Test
    void theKeyIsUnsigned() {
        // 0xFFFF_FFFF_FFFF_FFFF = 18 446 744 073 709 551 615: mod 10^6 = 551 615 (as a signed −1 it would be −1)
        assertThat(Oracle.keyMod(-1L)).isEqualTo(551_615L);
        assertThat(Oracle.writeTime(B, -1L)).isEqualTo(1_719_835_200_551_615L);
        // 2^63 = 9 223 372 036 854 775 808: mod 10^6 = 775 808
        assertThat(Oracle.keyMod(Long.MIN_VALUE)).isEqualTo(775_808L);
    }

    @Test
    void twoDifferentReadingsWhoseKeysAgreeModuloAMillionAreFlagged() {
        // Search London readings at dt = B over temperatures 200.00, 200.01, … for two keys equal mod 10^6
        // (about 4 such pairs expected among 3000).
        Map<Long, Double> tempByKeyMod = new HashMap<>();
        double a = 0;
        double b = 0;
        for (int i = 0; i < 20_000; i++) {
            double t = 200 + i / 100.0;
            long k = Oracle.readingKey(LONDON, B, t, 50, 1012, 5.0, 90, "Clear", "clear sky", "London", "GB",
                    51.50853, -0.12574, "Europe/London");
            Double other = tempByKeyMod.putIfAbsent(Oracle.keyMod(k), t);
            if (other != null) {
                a = other;
                b = t;
                break;
            }
        }
        assertThat(a).isNotZero();
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, doc(LONDON, B, a)), reading(0, 1, doc(LONDON, B, b)));
        assertThat(e.warnings()).singleElement().asString()
                .contains("city 2643743", "dt 1719835200", "agree modulo 10^6");
        // the same dt with an unrelated reading: no warning
        Expected fine = OracleFixtures.weather(defaults(), reading(0, 0, doc(LONDON, B, a)),
                reading(0, 1, doc(LONDON, B + 1, b)));
        assertThat(fine.warnings()).isEmpty();
    }
}
