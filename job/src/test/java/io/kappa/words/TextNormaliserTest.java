package io.kappa.words;

import static io.kappa.words.TextNormaliser.words;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void lowerCasesAndStripsPunctuation() {
        assertThat(words("Hello, World! Hello... world?")).containsExactly("hello", "world", "hello", "world");
    }

    @Test
    void emptyBlankAndPunctuationOnlyInputHaveNoWords() {
        assertThat(words("")).isEmpty();
        assertThat(words(null)).isEmpty();
        assertThat(words("   \t \r\n ")).isEmpty();
        assertThat(words("-- ... !!! ''")).isEmpty();
    }

    @Test
    void hyphensAndUnderscoresSeparateWords() {
        assertThat(words("well-known snake_case")).containsExactly("well", "known", "snake", "case");
    }

    @Test
    void apostropheInsideAWordStaysAndIsNormalised() {
        assertThat(words("Don't DON’T rock 'n' roll 'quoted'")).containsExactly("don't", "don't", "rock", "n", "roll", "quoted");
    }

    @Test
    void keepsDigits() {
        assertThat(words("Route 66 in 2026")).containsExactly("route", "66", "in", "2026");
    }

    @Test
    void unicodeLettersOfAnyScriptAreWordsCaseFolded() {
        assertThat(words("Straße ΚΑΛΗΜΕΡΑ Привет 東京")).containsExactly("strasse", "καλημερα", "привет", "東京");
    }

    @Test
    void composedAndDecomposedAccentsAreTheSameWord() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";
        assertThat(words(composed + " " + decomposed)).containsExactly("café", "café");
    }

    @Test
    void compatibilityFormsAreFolded() {
        // full-width letters and the "fi" ligature
        assertThat(words("ＡＢＣ \ufb01ne")).containsExactly("abc", "fine");
    }

    @Test
    void emojiAndSymbolsSeparateWords() {
        assertThat(words("rain☔sun 😀ok")).containsExactly("rain", "sun", "ok");
    }

    @Test
    void turkishDotlessIIsLowerCasedWithoutLocaleSurprises() {
        assertThat(words("TITLE")).containsExactly("title");
    }

    /** The ASCII fast path and the general path agree on every ASCII line (random lines of the tricky characters). */
    @Test
    void theAsciiPathAgreesWithTheGeneralOne() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "aZ9'' -_.,!?\t\n\"`~@#$%^&*()[]{}<>/\\|;:+=0bY\u007f\u0001";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = line.toString();
            assertThat(asciiWords(s)).as("'%s'", s).isEqualTo(TextNormaliser.anyWords(s));
        }
        for (char c = 0; c < 0x80; c++) {
            String s = "x" + c + "y " + c + " A" + c + "'b" + c;
            assertThat(asciiWords(s)).as("'%s'", s).isEqualTo(TextNormaliser.anyWords(s));
        }
    }

    private static java.util.List<String> asciiWords(String line) {
        java.util.List<String> words = new java.util.ArrayList<>();
        TextNormaliser.asciiWords(line, words::add);
        return words;
    }
}
