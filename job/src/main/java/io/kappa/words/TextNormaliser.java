package io.kappa.words;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

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
        forEachWord(line, words::add);
        return words;
    }

    /** Hands each word of the line, in order, to {@code action}, without building a list (the replay's hot path). */
    public static void forEachWord(String line, Consumer<String> action) {
        if (line == null || line.isEmpty()) {
            return;
        }
        if (isAscii(line)) {
            asciiWords(line, action);
        } else {
            anyWords(line).forEach(action);
        }
    }

    static boolean isAscii(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same rules for a line of ASCII, where NFKC changes nothing, the only word characters are letters and
     * digits and lower case is {@code A-Z → a-z}: no normaliser, no code points (the replay's hot path;
     * {@code TextNormaliserTest} checks that both paths agree).
     */
    static void asciiWords(String text, Consumer<String> words) {
        int n = text.length();
        char[] word = new char[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                word[len++] = (char) (c + ('a' - 'A'));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                word[len++] = c;
            } else if (c == '\'' && len > 0 && i + 1 < n && asciiLetter(text.charAt(i + 1)) && asciiLetter(word[len - 1])) {
                word[len++] = '\'';
            } else if (len > 0) {
                words.accept(new String(word, 0, len));
                len = 0;
            }
        }
        if (len > 0) {
            words.accept(new String(word, 0, len));
        }
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The rules for any line. */
    static List<String> anyWords(String line) {
        List<String> words = new ArrayList<>();
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
