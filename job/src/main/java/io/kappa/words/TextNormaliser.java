package io.kappa.words;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a line of text into the words that are counted: docs/semantics.md, rule 2, "Words" (Unicode 13.0, Java 17's
 * character data).
 *
 * <ol>
 *   <li>NFKC_Casefold: NFKC, full default case folding, and removal of the Default_Ignorable_Code_Points;</li>
 *   <li>a word is a maximal run of letters, marks and numbers (General_Category L, M, Nd, Nl, No); the apostrophes
 *       {@code ' ’ ʼ} are never word characters: between two letters one joins them as {@code '}, anywhere else it
 *       separates, like every other code point.</li>
 * </ol>
 * The JDK has no NFKC_Casefold: {@link #foldLine} builds it from what the JDK has (NFKC, upper and lower case) plus
 * two tables the JDK lacks (the Default_Ignorable_Code_Points, and the Cherokee letters that fold to upper case), both
 * from Unicode 13.0's data files. {@code WordsAgainstTheModelTest} (e2e) checks it against the independent model,
 * written with ICU4J 68 (Unicode 13.0), on every code point and on random text. A pure function: no state, safe to share.
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
        String text = foldLine(line);
        StringBuilder word = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isApostrophe(cp)) { // before the letter test: U+02BC is a letter (Lm) by its category
                if (word.length() > 0 && i + len < n && Character.isLetter(text.codePointAt(i + len))
                        && Character.isLetter(word.codePointBefore(word.length()))) {
                    word.append('\'');
                } else if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (isWordChar(cp)) {
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

    /**
     * NFKC_Casefold of a line, as Unicode defines it (DerivedNormalizationProps.txt): each code point mapped by
     * {@link #nfkcCasefold(int)}, then the whole normalised to NFC. (Mapped one by one, not after reordering: a
     * ypogegrammeni before an acute folds to iota first, then the two compose.)
     */
    static String foldLine(String line) {
        StringBuilder mapped = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (cp < 0x80) {
                mapped.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + ('a' - 'A')) : (char) cp);
            } else {
                mapped.append(MAPPINGS.computeIfAbsent(cp, TextNormaliser::nfkcCasefold));
            }
            i += Character.charCount(cp);
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFC);
    }

    /** The mappings of the non-ASCII code points met so far (a few thousand at most in real text). */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, String> MAPPINGS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The NFKC_Casefold mapping of one code point: nothing for a Default_Ignorable_Code_Point, else NFKC, full case
     * folding and NFKC again, twice over (until nothing changes: the mapping is its own closure), the ignorables that
     * NFKC can produce removed.
     */
    static String nfkcCasefold(int cp) {
        if (isDefaultIgnorable(cp)) {
            return "";
        }
        String s = new String(Character.toChars(cp));
        for (int round = 0; round < 3; round++) {
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
            StringBuilder folded = new StringBuilder(nfkc.length() + 2);
            for (int i = 0; i < nfkc.length(); ) {
                int c = nfkc.codePointAt(i);
                fold(c, folded);
                i += Character.charCount(c);
            }
            String next = withoutIgnorables(Normalizer.normalize(folded, Normalizer.Form.NFKC));
            if (next.equals(s)) {
                break;
            }
            s = next;
        }
        return s;
    }

    /**
     * Full default case folding of one code point (CaseFolding.txt, statuses C and F): lower case of upper case, twice
     * (so that capital sharp s, whose lower case is ß, ends as "ss" like ß), except the Cherokee letters, which fold to
     * their upper case (Cherokee was written in capitals first), and dotless i, which does not fold.
     */
    private static void fold(int cp, StringBuilder out) {
        if (cp < 0x80) {
            out.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + ('a' - 'A')) : (char) cp);
            return;
        }
        if (isCherokee(cp)) {
            out.appendCodePoint(Character.toUpperCase(cp));
            return;
        }
        if (cp == 0x0131) { // dotless i has no folding: its upper case is I, whose lower case is i
            out.appendCodePoint(cp);
            return;
        }
        String once = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        out.append(once.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
    }

    /** Cherokee letters (U+13A0..U+13FD, U+AB70..U+ABBF): CaseFolding.txt maps the small ones to the capitals. */
    private static boolean isCherokee(int cp) {
        return (cp >= 0x13A0 && cp <= 0x13FD) || (cp >= 0xAB70 && cp <= 0xABBF);
    }

    /** Default_Ignorable_Code_Point, Unicode 13.0 (DerivedCoreProperties.txt): the JDK does not expose it. */
    static boolean isDefaultIgnorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160)
                || (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180E) || (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    private static String withoutIgnorables(CharSequence s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            int len = Character.charCount(cp);
            if (isDefaultIgnorable(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                    out.append(s, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out == null ? s.toString() : out.toString();
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
