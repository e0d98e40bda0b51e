package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

    private static final String MASTER = "AY6c+BsE0jjaXx9tmVGJM1D2VcEO";
    private static final String JPEG = "public.jpeg";
    private static final String HEIC = "public.heic";
    private static final String MOV = "com.apple.quicktime-movie";

    private final FileNames names = FileNames.defaults();

    private String name(String filename, String masterUti, Rendition rendition, String renditionUti) {
        return names.name(filename, MASTER, masterUti, rendition, renditionUti).value();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "IMG_7409.JPG,  public.jpeg, ORIGINAL,    public.jpeg,             IMG_7409.JPG",
            "IMG_7409.jpeg, public.jpeg, ORIGINAL,    public.jpeg,             IMG_7409.JPG",
            "IMG_1234.HEIC, public.heic, ORIGINAL,    public.heic,             IMG_1234.HEIC",
            "IMG_1234.HEIC, public.heic, MEDIUM,      public.jpeg,             IMG_1234-medium.JPG",
            "IMG_1234.HEIC, public.heic, THUMB,       public.jpeg,             IMG_1234-thumb.JPG",
            "IMG_1234.HEIC, public.heic, ADJUSTED,    public.jpeg,             IMG_1234-adjusted.JPG",
            "IMG_0001.CR2,  com.canon.cr2-raw-image, ALTERNATIVE, public.jpeg, IMG_0001-alternative.JPG",
            "IMG_0207.DNG,  com.adobe.raw-image, ORIGINAL, com.adobe.raw-image, IMG_0207.DNG",
            "IMG_0005.MOV,  com.apple.quicktime-movie, MEDIUM, public.mpeg-4,  IMG_0005-medium.MP4",
            "clip.xyz,      com.example.new, ORIGINAL, com.example.new,         clip.xyz",
            "clip,          com.example.new, ORIGINAL, com.example.new,         clip",
            "photo.webp,    null,        ORIGINAL,    null,                    photo.webp",
    })
    void extensionComesFromTheRenditionUti(String filename, String masterUti, Rendition rendition,
                                           String renditionUti, String expected) {
        assertThat(name(filename, masterUti, rendition, renditionUti)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null", "''", "'   '", ".jpg",
    })
    void missingOrUnusableFilenameFallsBackToTheMasterRecordName(String filename) {
        assertThat(name(filename, JPEG, Rendition.ORIGINAL, JPEG)).isEqualTo("AY6c_BsE0jja.JPG");
        assertThat(name(filename, JPEG, Rendition.MEDIUM, JPEG)).isEqualTo("AY6c_BsE0jja-medium.JPG");
    }

    @Test
    void fallbackStemFollowsIcloudpd() {
        assertThat(FileNames.fallbackStem(MASTER)).isEqualTo("AY6c_BsE0jja");
        assertThat(FileNames.fallbackStem("ab/+")).isEqualTo("ab__");
        assertThat(FileNames.fallbackStem("Ünïcødé-1234567890")).isEqualTo("_n_c_d__1234");
        assertThat(FileNames.fallbackStem(null)).isEqualTo("unnamed");
        assertThat(names.name(null, null, JPEG, Rendition.ORIGINAL, JPEG).value()).isEqualTo("unnamed.JPG");
    }

    @Test
    void asciiModeFallsBackWhenNothingIsLeft() {
        FileNames ascii = new FileNames(FileNameSanitizer.ASCII, LiveMovNamePolicy.SUFFIX);
        assertThat(ascii.name("IMG_中文_7409.JPG", MASTER, JPEG, Rendition.ORIGINAL, JPEG).value())
                .isEqualTo("IMG__7409.JPG");
        assertThat(ascii.name("中文.JPG", MASTER, JPEG, Rendition.ORIGINAL, JPEG).value())
                .isEqualTo("AY6c_BsE0jja.JPG");
        assertThat(names.name("中文.JPG", MASTER, JPEG, Rendition.ORIGINAL, JPEG).value()).isEqualTo("中文.JPG");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd | _.._etc_passwd.JPG",
            "/abs/path.jpg    | _abs_path.JPG",
            "a\u0000b.jpg     | a_b.JPG",
            "con.jpg          | _con.JPG",
            "LPT1             | _LPT1.JPG",
            "' . . '          | AY6c_BsE0jja.JPG",
            "Jo\u0308rg.jpg   | J\u00F6rg.JPG",
    })
    void hostileFilenamesAreSanitised(String filename, String expected) {
        assertThat(name(filename, JPEG, Rendition.ORIGINAL, JPEG)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "SUFFIX,   IMG_1234.HEIC, public.heic, LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_1234_HEVC.MOV",
            "SUFFIX,   IMG_1234.heic, null,        LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_1234_HEVC.MOV",
            "SUFFIX,   IMG_1234.HeIc, null,        LIVE_ORIGINAL, null,                      IMG_1234_HEVC.MOV",
            "SUFFIX,   IMG_7409.JPG,  public.jpeg, LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_7409.MOV",
            "SUFFIX,   IMG_1234.HEIC, public.heic, LIVE_MEDIUM,   com.apple.quicktime-movie, IMG_1234_HEVC-medium.MOV",
            "SUFFIX,   IMG_1234.HEIC, public.heic, LIVE_THUMB,    com.apple.quicktime-movie, IMG_1234_HEVC-thumb.MOV",
            "SUFFIX,   IMG_1234.HEIC, public.heic, LIVE_ADJUSTED, com.apple.quicktime-movie, IMG_1234_HEVC-adjusted.MOV",
            "SUFFIX,   IMG_7409.JPG,  public.jpeg, LIVE_MEDIUM,   com.apple.quicktime-movie, IMG_7409-medium.MOV",
            "SUFFIX,   IMG_7409.JPG,  public.jpeg, LIVE_THUMB,    com.apple.quicktime-movie, IMG_7409-thumb.MOV",
            "ORIGINAL, IMG_1234.HEIC, public.heic, LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_1234.MOV",
            "ORIGINAL, IMG_1234.heic, null,        LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_1234.MOV",
            "ORIGINAL, IMG_7409.JPG,  public.jpeg, LIVE_ORIGINAL, com.apple.quicktime-movie, IMG_7409.MOV",
            "ORIGINAL, IMG_1234.HEIC, public.heic, LIVE_MEDIUM,   com.apple.quicktime-movie, IMG_1234-medium.MOV",
            "ORIGINAL, IMG_7409.JPG,  public.jpeg, LIVE_THUMB,    com.apple.quicktime-movie, IMG_7409-thumb.MOV",
            "SUFFIX,   IMG_7409.JPG,  public.jpeg, LIVE_ORIGINAL, public.jpeg,               IMG_7409.MOV",
            "SUFFIX,   IMG_7409.JPG,  public.jpeg, LIVE_ORIGINAL, public.mpeg-4,             IMG_7409.MP4",
            "SUFFIX,   null,          public.heic, LIVE_ORIGINAL, com.apple.quicktime-movie, AY6c_BsE0jja_HEVC.MOV",
    })
    void livePhotoMotionParts(LiveMovNamePolicy policy, String filename, String masterUti, Rendition rendition,
                              String renditionUti, String expected) {
        FileNames livePhotos = new FileNames(FileNameSanitizer.UNICODE, policy);
        assertThat(livePhotos.name(filename, MASTER, masterUti, rendition, renditionUti).value()).isEqualTo(expected);
    }

    @Test
    void theMastersUtiDecidesWhetherTheStillIsHeic() {
        // The still is saved with the UTI's extension, so its motion part follows the UTI, not the old name.
        assertThat(name("IMG_1234.JPG", HEIC, Rendition.LIVE_ORIGINAL, MOV)).isEqualTo("IMG_1234_HEVC.MOV");
        assertThat(name("IMG_1234.HEIC", JPEG, Rendition.LIVE_ORIGINAL, MOV)).isEqualTo("IMG_1234.MOV");
    }

    @Test
    void longNamesKeepSuffixAndExtension() {
        String longName = "é".repeat(300) + ".HEIC";
        String medium = name(longName, HEIC, Rendition.MEDIUM, JPEG);
        String live = name(longName, HEIC, Rendition.LIVE_MEDIUM, MOV);
        assertThat(medium).endsWith("é-medium.JPG");
        assertThat(live).endsWith("é_HEVC-medium.MOV");
        assertThat(medium.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(live.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    }

    @Test
    void fileNameCleansWhateverItIsGiven() {
        FileName hostile = new FileName("../x", "/../", "..");
        assertThat(hostile.value()).isEqualTo("_x_.._");
        assertThat(new FileName("", "", "").value()).isEqualTo("_");
        assertThat(new FileName("CON", "", "jpg").value()).isEqualTo("_CON.jpg");
        assertThat(new FileName("CON", "-medium", "jpg").value()).isEqualTo("CON-medium.jpg");
        assertThat(FileName.split("IMG_7409.JPG")).isEqualTo(new FileName("IMG_7409", "", "JPG"));
        assertThat(FileName.split("archive.tar.gz")).isEqualTo(new FileName("archive.tar", "", "gz"));
        assertThat(FileName.split("no extension.").value()).isEqualTo("no extension");
    }
}
