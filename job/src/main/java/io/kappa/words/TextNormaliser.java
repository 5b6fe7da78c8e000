package io.kappa.words;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a line of text into the words that are counted.
 *
 * <ul>
 *   <li>Unicode NFKC normalisation (so "ﬁ", full-width "ＡＢＣ" and composed/decomposed accents agree), then
 *       lower case in the root locale;</li>
 *   <li>a word is a maximal run of letters, combining marks and digits, in any script;</li>
 *   <li>an apostrophe (' ’ ʼ) between two letters stays in the word as {@code '} ("don't"); anywhere else it
 *       and every other punctuation, symbol or space separates words ("well-known" is two words).</li>
 * </ul>
 * A pure function: no state, safe to share.
 */
public final class TextNormaliser {
    private TextNormaliser() {}

    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        if (line == null || line.isEmpty()) {
            return words;
        }
        String text = Normalizer.normalize(line, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isWordChar(cp)) {
                word.appendCodePoint(cp);
            } else if (isApostrophe(cp) && word.length() > 0 && i + len < n
                    && Character.isLetter(text.codePointAt(i + len))
                    && Character.isLetter(word.codePointBefore(word.length()))) {
                word.append('\'');
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

    private static boolean isWordChar(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u02BC';
    }
}
