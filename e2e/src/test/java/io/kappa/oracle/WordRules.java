package io.kappa.oracle;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.VersionInfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 2: is a words record valid, and what are its words — written from docs/semantics.md with a reference
 * implementation of the standards it names: ICU4J 68, which implements Unicode 13.0 (the version of Java 17's
 * character data, which the job's own fast path uses), for NFKC_Casefold and the general categories.
 */
public final class WordRules {
    private WordRules() {}

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final VersionInfo UNICODE = VersionInfo.getInstance(13, 0);

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
        // 4. no word longer than --max-word-bytes bytes of UTF-8. When several are too long, the reason names the
        //    first in the line.
        List<String> words = words(line);
        for (String word : words) {
            int bytes = word.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > s.maxWordBytes()) {
                return new LineCheck("line has a word of " + bytes + " bytes, longer than the limit of "
                        + s.maxWordBytes() + " bytes (--max-word-bytes)", null);
            }
        }
        return new LineCheck(null, words);
    }

    /**
     * Rule 2, "Words": the line mapped by NFKC_Casefold, then maximal runs of word characters (letters, marks,
     * numbers of Unicode 13.0); an apostrophe (U+0027, U+2019, U+02BC) between two letters joins them as U+0027,
     * anywhere else it separates.
     */
    public static List<String> words(String line) {
        String text = NFKC_CASEFOLD.normalize(line);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == '\'' || cp == 0x2019 || cp == 0x02BC) {
                if (word.length() > 0 && i + len < n && isLetter(word.codePointBefore(word.length()))
                        && isLetter(text.codePointAt(i + len))) {
                    word.append('\'');
                } else if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (isWordCharacter(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            i += len;
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** The Unicode version the rules name, and the one this reference implements. */
    public static VersionInfo unicodeVersion() {
        return UCharacter.getUnicodeVersion();
    }

    /** Assigned in Unicode 13.0: a later character is an "other" character. */
    private static boolean assigned(int cp) {
        return UCharacter.getType(cp) != UCharacter.UNASSIGNED && UCharacter.getAge(cp).compareTo(UNICODE) <= 0;
    }

    /** General_Category L. */
    static boolean isLetter(int cp) {
        int t = UCharacter.getType(cp);
        return assigned(cp) && (t == UCharacter.UPPERCASE_LETTER || t == UCharacter.LOWERCASE_LETTER
                || t == UCharacter.TITLECASE_LETTER || t == UCharacter.MODIFIER_LETTER || t == UCharacter.OTHER_LETTER);
    }

    /** General_Category L, M, Nd, Nl or No. */
    static boolean isWordCharacter(int cp) {
        int t = UCharacter.getType(cp);
        return isLetter(cp) || assigned(cp) && (t == UCharacter.NON_SPACING_MARK || t == UCharacter.COMBINING_SPACING_MARK
                || t == UCharacter.ENCLOSING_MARK || t == UCharacter.DECIMAL_DIGIT_NUMBER || t == UCharacter.LETTER_NUMBER
                || t == UCharacter.OTHER_NUMBER);
    }

    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
