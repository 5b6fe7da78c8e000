package io.kappa.oracle;

import java.nio.charset.StandardCharsets;

/** Readable rendering of a key or value for toString (lenient UTF-8, shortened). */
final class Bytes {
    private Bytes() {}

    static String show(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.length() > 120) {
            text = text.substring(0, 120) + "…";
        }
        return bytes.length + " bytes \"" + text.replace("\n", "\\n") + "\"";
    }
}
