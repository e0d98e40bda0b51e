package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FolderStructureTest {

    /** A Tuesday, day 65 of a leap year; Python's strftime gave every expected value below. */
    private static final ZonedDateTime DATE = ZonedDateTime.of(2024, 3, 5, 7, 8, 9, 0, ZoneOffset.ofHours(1));

    private static String render(String pattern) {
        return FolderStructure.parse(pattern).render(DATE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%Y | 2024", "%y | 24", "%m | 03", "%d | 05", "d%e | d 5", "%e | 5", "%H | 07", "%I | 07", "%M | 08",
            "%S | 09", "%p | AM", "%j | 065", "%b | Mar", "%B | March", "%a | Tue", "%A | Tuesday",
            "%F | 2024-03-05", "%u | 2", "%w | 2", "%U | 09", "%W | 10", "%V | 10", "%G | 2024",
            "100%% | 100%", "%-m | 3", "%-d | 5", "%-H | 7", "%-j | 65", "%-Y | 2024",
    })
    void everyDirective(String pattern, String expected) {
        assertThat(render(pattern)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2021-01-01T00:00Z | 00 00 53 2020 001 Fri 12 AM",
            "2024-12-30T15:00Z | 52 53 01 2025 365 Mon 03 PM",
            "2023-01-01T12:30Z | 01 00 52 2022 001 Sun 12 PM",
    })
    void weekNumbersAndTwelveHourClockAtTheEdges(String date, String expected) {
        assertThat(FolderStructure.parse("%U %W %V %G %j %a %I %p").render(ZonedDateTime.parse(date)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%Y/%m/%d              | 2024/03/05",
            "{:%Y/%m/%d}           | 2024/03/05",
            "{:%Y}/{:%m}           | 2024/03",
            "Photos/{:%Y}-%m       | Photos/2024-03",
            "%Y-%m-%d %H.%M.%S     | 2024-03-05 07.08.09",
            "{{x}}/%Y              | {x}/2024",
            "%Y/                   | 2024",
            "%Y//%m                | 2024/03",
            "%Y\\%m                | 2024/03",
            "%B %Y                 | March 2024",
            "ab:c/%Y               | ab_c/2024",
    })
    void patterns(String pattern, String expected) {
        assertThat(render(pattern)).isEqualTo(expected);
    }

    @Test
    void theDefaultIsYearMonthDay() {
        assertThat(render(FolderStructure.DEFAULT_PATTERN)).isEqualTo("2024/03/05");
    }

    @ParameterizedTest
    @CsvSource({"none", "NONE", "' none '"})
    void noneIsFlat(String pattern) {
        FolderStructure flat = FolderStructure.parse(pattern);
        assertThat(flat.isFlat()).isTrue();
        assertThat(flat.render(DATE, List.of("Trips"), "PrimarySync")).isEmpty();
        assertThat(flat.render(null)).isEmpty();
        assertThat(FolderStructure.join(flat.render(DATE), "IMG_7409.JPG")).isEqualTo("IMG_7409.JPG");
    }

    @Test
    void album() {
        FolderStructure byAlbum = FolderStructure.parse("{album}/%Y");
        assertThat(byAlbum.usesAlbum()).isTrue();
        assertThat(byAlbum.usesLibrary()).isFalse();
        assertThat(byAlbum.render(DATE, List.of("Trips"), null)).isEqualTo("Trips/2024");
        assertThat(byAlbum.render(DATE, null, null)).isEqualTo("2024");
        assertThat(byAlbum.render(DATE, List.of("  "), null)).isEqualTo("2024");
        assertThat(FolderStructure.parse("Album {album}/%Y").render(DATE, null, null)).isEqualTo("2024");
        assertThat(FolderStructure.parse("%Y {album}").render(DATE, List.of("Été"), null)).isEqualTo("2024 Été");
    }

    @Test
    void anAlbumInFoldersRendersOneFolderPerName() {
        List<String> rome = List.of("Trips", "Italy", "Trip to Rome");
        assertThat(FolderStructure.parse("{album}/%Y").render(DATE, rome, null)).isEqualTo("Trips/Italy/Trip to Rome/2024");
        assertThat(FolderStructure.parse("Albums - {album} (%Y)").render(DATE, rome, null))
                .isEqualTo("Albums - Trips/Italy/Trip to Rome (2024)");
        assertThat(FolderStructure.parse("{album}").render(DATE, List.of("a/b", ".."), null)).isEqualTo("a_b/_");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc  | _.._etc/2024",
            "..         | _/2024",
            "a/b        | a_b/2024",
            "/abs       | _abs/2024",
            "con        | _con/2024",
            "C:\\x      | C__x/2024",
            "a\u0000b   | a_b/2024",
    })
    void hostileAlbumNamesStayInside(String album, String expected) {
        assertThat(FolderStructure.parse("{album}/%Y").render(DATE, List.of(album), null)).isEqualTo(expected);
    }

    @Test
    void asciiModeAppliesToFolders() {
        assertThat(FolderStructure.parse("{album}", FileNameSanitizer.ASCII).render(DATE, List.of("Été 2024"), null))
                .isEqualTo("t 2024");
        assertThat(FolderStructure.parse("{album}", FileNameSanitizer.ASCII).render(DATE, List.of("中文"), null))
                .isEqualTo("_");
    }

    @ParameterizedTest
    @CsvSource({
            "PrimarySync, PrimarySync/2024",
            "SharedSync-1A2B3C4D-5E6F-7A8B-9C0D-112233445566, SharedSync-1A2B3C4D/2024",
            "SharedSync-1A2B3C4D, SharedSync-1A2B3C4D/2024",
    })
    void library(String zone, String expected) {
        FolderStructure byLibrary = FolderStructure.parse("{library}/%Y");
        assertThat(byLibrary.usesLibrary()).isTrue();
        assertThat(byLibrary.render(DATE, null, zone)).isEqualTo(expected);
    }

    @Test
    void libraryAndAlbumTogether() {
        assertThat(FolderStructure.parse("{library}/{album}/{:%Y}").render(DATE, List.of("Trips"), "PrimarySync"))
                .isEqualTo("PrimarySync/Trips/2024");
        assertThat(FolderStructure.parse("{library}/%Y").render(DATE, null, null)).isEqualTo("2024");
        assertThat(FolderStructure.libraryName(null)).isNull();
    }

    @Test
    void missingDateGoesToOneUnknownDateFolder() {
        assertThat(FolderStructure.parse("%Y/%m/%d").render(null)).isEqualTo("unknown-date");
        assertThat(FolderStructure.parse("{:%Y/%m/%d}").render(null)).isEqualTo("unknown-date");
        assertThat(FolderStructure.parse("{album}/%Y/%m").render(null, List.of("Trips"), null)).isEqualTo("Trips/unknown-date");
        assertThat(FolderStructure.parse("Photos/%Y/x").render(null)).isEqualTo("Photos/unknown-date/x");
        assertThat(FolderStructure.parse("{album}").render(null, List.of("Trips"), null)).isEqualTo("Trips");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%Q/%m            | unknown directive '%Q' at character 1",
            "%Y/%-b           | '-' flag at character 4",
            "%Y/%             | dangling '%'",
            "%Y/%-            | dangling '%-'",
            "{:%Y/%m          | unbalanced '{' at character 1",
            "%Y}              | unbalanced '}' at character 3",
            "{album           | unbalanced '{'",
            "{:%Y{album}}     | '{' at character 5 inside",
            "{foo}/%Y         | unknown token '{foo}'",
            "{}/%Y            | unknown token '{}'",
            "{:}              | empty date format",
            "/photos/%Y       | absolute path",
            "\\photos\\%Y     | absolute path",
            "C:/photos/%Y     | absolute path",
            "c:%Y             | absolute path",
            "{:/%Y}           | absolute path",
            "/                | absolute path",
            "../%Y            | '..' segment",
            "%Y/../../x       | '..' segment",
            "./%Y             | '.' segment",
            "//               | absolute path",
    })
    void badPatternsAreRejectedWithTheProblemNamed(String pattern, String problem) {
        assertThatThrownBy(() -> FolderStructure.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + pattern + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void emptyPatternsAreRejected() {
        assertThatThrownBy(() -> FolderStructure.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> FolderStructure.parse(null)).hasMessageContaining("empty");
    }

    @Test
    void joinUsesForwardSlashes() {
        assertThat(FolderStructure.join("2024/03/05", "IMG_7409.JPG")).isEqualTo("2024/03/05/IMG_7409.JPG");
        assertThat(FolderStructure.join("", "IMG_7409.JPG")).isEqualTo("IMG_7409.JPG");
    }

    @Test
    void keepsThePattern() {
        assertThat(FolderStructure.parse("{:%Y}").pattern()).isEqualTo("{:%Y}");
    }
}
