package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.VersionInfo;
import io.kappa.oracle.WordRules;
import io.kappa.words.TextNormaliser;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The job's words (TextNormaliser: the JDK only, the fast path) against the model's ({@link WordRules}: the contract
 * written with a reference implementation of the Unicode standards it names, ICU4J 68 for Unicode 13.0). Every code
 * point, in the positions where it matters (alone, inside a word, next to an apostrophe), and random text.
 */
class WordsAgainstTheModelTest {
    /** The contract's words, as the independent model computes them (ICU4J 68, Unicode 13.0). */
    static List<String> reference(String line) {
        return WordRules.words(line);
    }

    @Test
    void theReferenceIsUnicode13() {
        assertThat(WordRules.unicodeVersion()).isEqualTo(VersionInfo.getInstance(13, 0, 0, 0));
        assertThat(Character.UnicodeBlock.of(0x1FB00)).as("Java 17 knows Unicode 13's blocks").isNotNull();
    }

    @Test
    void everyCodePointGivesTheWordsTheReferenceGives() {
        List<String> differences = new ArrayList<>();
        int checked = 0;
        for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF || cp >= 0xF0000) { // surrogates; the private use planes
                continue;
            }
            String c = new String(Character.toChars(cp));
            for (String line : new String[] {c, "a" + c + "b", "ab" + c + "'cd", "x " + c + c + " y"}) {
                List<String> job = TextNormaliser.words(line);
                List<String> ref = reference(line);
                if (!job.equals(ref) && differences.size() < 40) {
                    differences.add(String.format("U+%04X %s in '%s': job %s, reference %s", cp,
                            Character.getName(cp), line, show(job), show(ref)));
                }
                checked++;
            }
        }
        assertThat(differences).as("of %,d lines", checked).isEmpty();
    }

    @Test
    void theContractsExamples() {
        assertThat(TextNormaliser.words("don't DON’T donʼt")).containsExactly("don't", "don't", "don't");
        assertThat(TextNormaliser.words("STRASSE Straße strasse ẞ")).containsExactly("strasse", "strasse", "strasse", "ss");
        assertThat(TextNormaliser.words("İstanbul ISTANBUL ıstanbul"))
                .containsExactly("i\u0307stanbul", "istanbul", "ıstanbul");
        assertThat(TextNormaliser.words("soft\u00ADhyphen right\u200Fto\u200Eleft zw\u200Dj"))
                .containsExactly("softhyphen", "righttoleft", "zwj");
        assertThat(TextNormaliser.words("I \u2764\uFE0F it")).containsExactly("i", "it");
        assertThat(TextNormaliser.words("\uFB01sh ＦＩＳＨ fish")).containsExactly("fish", "fish", "fish");
        assertThat(TextNormaliser.words("'quoted' rock 'n' roll")).containsExactly("quoted", "rock", "n", "roll");
        assertThat(TextNormaliser.words("\uD835\uDC00\uD835\uDC01 𐐀𐐨")).as("outside the BMP")
                .containsExactly("ab", "𐐨𐐨");
    }

    @Property(tries = 20000)
    void randomTextGivesTheWordsTheReferenceGives(@ForAll("text") String line) {
        assertThat(TextNormaliser.words(line)).as(escape(line)).isEqualTo(reference(line));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> special = Arbitraries.of(0x27, 0x2019, 0x02BC, 0xAD, 0x200B, 0x200D, 0x200E, 0x200F, 0xFE0F,
                0x301, 0x308, 0x345, 0x130, 0x131, 0xDF, 0x1E9E, 0x3A3, 0x3C2, 0x1F80, 0x1FB3, 0xFB01, 0xFF21, 0x2160,
                0x24B6, 0x13A0, 0xAB70, 0x10400, 0x1D400, 0x20, 0x2D, 0x41, 0x61, 0x39, 0x0E01, 0x0E31, 0x05D0, 0x0627,
                0x0915, 0x093F, 0x1100, 0x1161, 0xAC00, 0x3164, 0xFFA0);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 0x2FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(1, any)).list()
                .ofMaxSize(12).map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString();
                });
    }

    private static String show(List<String> words) {
        List<String> shown = new ArrayList<>();
        words.forEach(w -> shown.add(escape(w)));
        return shown.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp < 0x80 && cp >= 0x20 ? String.valueOf((char) cp) : String.format("\\u{%X}", cp)));
        return b.toString();
    }
}
