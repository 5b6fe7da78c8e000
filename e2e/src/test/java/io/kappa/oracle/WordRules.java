package io.kappa.oracle;

import io.kappa.words.TextNormaliser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rule 2: is a words record valid, and what are its words. */
final class WordRules {
    private WordRules() {}

    /** Either a reason (not valid) or the line's words (valid; possibly none). */
    record LineCheck(String reason, List<String> words) {}

    /** The checks of rule 2's table, in its order; the first that fails is the reason. The key is not used. */
    static LineCheck check(byte[] value, Oracle.Settings s) {
        // 1. it has a value
        if (value == null) {
            return new LineCheck("record has no value (null)", null);
        }
        // 2. at most --max-line-bytes bytes
        if (value.length > s.maxLineBytes()) {
            return new LineCheck("line of " + value.length + " bytes is longer than the limit of " + s.maxLineBytes()
                    + " bytes (--max-line-bytes)", null);
        }
        // 3. UTF-8 (strict: malformed or unmappable input is an error, never replaced)
        String line;
        try {
            line = strictUtf8(value);
        } catch (CharacterCodingException e) {
            return new LineCheck("value is not valid UTF-8 (" + e.getMessage() + ")", null);
        }
        // 4. no word longer than --max-word-bytes bytes of UTF-8; words as TextNormaliser makes them. When several
        //    are too long, the reason names the first in the line.
        List<String> words = TextNormaliser.words(line);
        for (String word : words) {
            int bytes = word.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > s.maxWordBytes()) {
                return new LineCheck("line has a word of " + bytes + " bytes, longer than the limit of "
                        + s.maxWordBytes() + " bytes (--max-word-bytes)", null);
            }
        }
        return new LineCheck(null, words);
    }

    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
