package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameSanitizerTest {

    private static final FileNameSanitizer UNICODE = FileNameSanitizer.UNICODE;
    private static final FileNameSanitizer ASCII = FileNameSanitizer.ASCII;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd        | _.._etc_passwd",
            "/abs/path.jpg           | _abs_path.jpg",
            "C:\\Windows\\x.jpg      | C__Windows_x.jpg",
            "a<b>c:d\"e?f*g.jpg     | a_b_c_d_e_f_g.jpg",
            "IMG_7409.JPG            | IMG_7409.JPG",
            "'  .hidden name. '      | hidden name",
            "con.jpg                 | _con.jpg",
            "CON                     | _CON",
            "LPT1                    | _LPT1",
            "lpt9.tar.gz             | _lpt9.tar.gz",
            "'nul .txt'              | '_nul .txt'",
            "COM\u00B9.jpg           | _COM\u00B9.jpg",
            "console.jpg             | console.jpg",
            "COM10.jpg               | COM10.jpg",
            "'...'                   | _",
            "' . . '                 | _",
            ".                       | _",
            "..                      | _",
            "''                      | _",
            "photo\u202Egpj.exe      | photo_gpj.exe",
    })
    void makesHostileNamesSafe(String input, String expected) {
        assertThat(UNICODE.sanitize(input)).isEqualTo(expected);
    }

    @Test
    void replacesNulAndEveryControlCharacter() {
        assertThat(UNICODE.sanitize("a\u0000b.jpg")).isEqualTo("a_b.jpg");
        assertThat(UNICODE.sanitize("a\tb\nc\rd\u001Fe\u007Ff\u0080g\u0085h\u009Fi.jpg"))
                .isEqualTo("a_b_c_d_e_f_g_h_i.jpg");
        assertThat(UNICODE.sanitize("line\u2028break")).isEqualTo("line_break");
        assertThat(UNICODE.sanitize("a|b.jpg")).isEqualTo("a_b.jpg");
    }

    @Test
    void nullIsAnUnderscore() {
        assertThat(UNICODE.sanitize(null)).isEqualTo("_");
    }

    @Test
    void normalisesToNfc() {
        assertThat(UNICODE.sanitize("Jo\u0308rg.jpg")).isEqualTo("J\u00F6rg.jpg");
    }

    @Test
    void keepsUnicodeByDefault() {
        assertThat(UNICODE.sanitize("IMG_中文_7409.JPG")).isEqualTo("IMG_中文_7409.JPG");
        assertThat(UNICODE.sanitize("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.jpg"))
                .isEqualTo("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.jpg");
        assertThat(FileNameSanitizer.of(true)).isSameAs(UNICODE);
        assertThat(UNICODE.keepsUnicode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "IMG_中文_7409.JPG | IMG__7409.JPG",
            "Jo\u0308rg.jpg     | Jrg.jpg",
            "Été.jpg            | t.jpg",
            "中文               | _",
            "中文.jpg           | jpg",
            "a\u0085b           | a_b",
    })
    void asciiModeDropsNonAscii(String input, String expected) {
        assertThat(ASCII.sanitize(input)).isEqualTo(expected);
        assertThat(FileNameSanitizer.of(false)).isSameAs(ASCII);
    }

    @Test
    void capsAt255BytesKeepingTheExtensionAndWholeCharacters() {
        String name = "a".repeat(250) + "é".repeat(20) + ".jpg";
        String safe = UNICODE.sanitize(name);
        assertThat(safe).isEqualTo("a".repeat(250) + ".jpg");
        assertThat(bytes(safe)).isLessThanOrEqualTo(255);
    }

    @Test
    void neverSplitsAnEmojiAtTheCut() {
        String cut = UNICODE.sanitize("a".repeat(249) + "\uD83D\uDE00" + "b".repeat(10) + ".jpg");
        assertThat(cut).isEqualTo("a".repeat(249) + ".jpg");
        String fits = UNICODE.sanitize("a".repeat(247) + "\uD83D\uDE00" + "b".repeat(10) + ".jpg");
        assertThat(fits).isEqualTo("a".repeat(247) + "\uD83D\uDE00.jpg");
        assertThat(bytes(fits)).isEqualTo(255);
        assertThat(isWellFormed(cut)).isTrue();
        assertThat(isWellFormed(fits)).isTrue();
    }

    @Test
    void keepsCombiningMarksWithTheirBase() {
        // x + two acute accents has no precomposed form: the cut must drop the whole cluster.
        String cut = UNICODE.sanitize("a".repeat(249) + "x\u0301\u0301" + ".jpg");
        assertThat(cut).isEqualTo("a".repeat(249) + ".jpg");
    }

    @Test
    void capsNamesWithoutExtension() {
        String safe = UNICODE.sanitize("é".repeat(200));
        assertThat(safe).isEqualTo("é".repeat(127));
        assertThat(bytes(safe)).isEqualTo(254);
    }

    @Test
    void aHugeTailAfterTheLastDotIsNotKeptAsAnExtension() {
        String safe = UNICODE.sanitize("a." + "b".repeat(300));
        assertThat(bytes(safe)).isEqualTo(255);
        assertThat(safe).startsWith("a.b");
    }

    @Test
    void aCutNeverLeavesTrailingDotsOrSpaces() {
        String safe = UNICODE.sanitize("a".repeat(250) + " . . . . . . . . b");
        assertThat(safe).isEqualTo("a".repeat(250));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void randomHostileNamesAlwaysComeOutSafe(boolean keepUnicode) {
        FileNameSanitizer sanitizer = FileNameSanitizer.of(keepUnicode);
        String alphabet = "./\\:*?\"<>| \u0000\u0001\u001F\u007F\u0085\u202E\u2028aZ9_-é中\uD83D\uDE00\u0301CONLPT1";
        Random random = new Random(42);
        for (int run = 0; run < 5_000; run++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(run % 10 == 0 ? 400 : 12);
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // Sometimes a lone surrogate, which has no valid encoding on disk.
            if (run % 7 == 0) {
                name.insert(name.length() / 2, '\uD83D');
            }
            assertSafe(sanitizer.sanitize(name.toString()), name.toString());
        }
    }

    static void assertSafe(String safe, String input) {
        assertThat(safe).as("sanitised %s", input)
                .isNotEmpty()
                .isNotEqualTo(".")
                .isNotEqualTo("..")
                .doesNotContain("/", "\\", "\u0000")
                .doesNotStartWith(".").doesNotStartWith(" ")
                .doesNotEndWith(".").doesNotEndWith(" ");
        assertThat(bytes(safe)).as("bytes of %s", safe).isLessThanOrEqualTo(255);
        assertThat(isWellFormed(safe)).as("well-formed %s", safe).isTrue();
        assertThat(safe.codePoints().noneMatch(cp -> cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))).isTrue();
        assertThat(FileNameSanitizer.isReserved(safe)).as("reserved %s", safe).isFalse();
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean isWellFormed(String text) {
        return text.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
    }
}
