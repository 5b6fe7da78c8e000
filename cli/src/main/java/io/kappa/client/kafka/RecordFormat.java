package io.kappa.client.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A consumed record as one line, like the course's get.py: {@code topic:partition:offset key=… value=… headers={…}}. */
public final class RecordFormat {
    private RecordFormat() {}

    /** {@code topic:partition:offset key=… value=… [headers]}; null shows as null, bad UTF-8 as U+FFFD. */
    public static String format(ConsumerRecord<byte[], byte[]> r, int maxValueChars) {
        StringBuilder b = new StringBuilder();
        b.append(r.topic()).append(':').append(r.partition()).append(':').append(r.offset())
                .append(" key=").append(text(r.key(), 100))
                .append(" value=").append(text(r.value(), maxValueChars));
        Header[] headers = r.headers().toArray();
        if (headers.length > 0) {
            b.append(" headers={");
            for (int i = 0; i < headers.length; i++) {
                b.append(i > 0 ? ", " : "").append(headers[i].key()).append('=').append(text(headers[i].value(), 200));
            }
            b.append('}');
        }
        return b.toString();
    }

    /** The bytes as UTF-8, cut after {@code maxChars} (0: never) with the full size. */
    static String text(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return "null";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (maxChars > 0 && s.length() > maxChars) {
            return s.substring(0, maxChars) + "…(" + bytes.length + " bytes)";
        }
        return s;
    }
}
