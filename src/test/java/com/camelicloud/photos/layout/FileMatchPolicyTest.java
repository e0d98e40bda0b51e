package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileMatchPolicyTest {

    private static final String MASTER = "AY6c+BsE0jjaXx9tmVGJM1D2VcEO";
    private static final FileName IMG_7409 = new FileName("IMG_7409", "", "JPG");
    private static final String TAG = "[0-9a-f]{12}";

    @Test
    void id7IsUrlSafeBase64OfTheMasterRecordName() {
        // base64("AY6c+BsE0jjaXx9tmVGJM1D2VcEO") = "QVk2YytCc0Uw…", checked with coreutils base64 too.
        assertThat(Base64.getEncoder().encodeToString(MASTER.getBytes(StandardCharsets.UTF_8))).startsWith("QVk2Yyt");
        assertThat(FileMatchPolicy.id7(MASTER)).isEqualTo("QVk2Yyt");
        // Standard base64 would give "fn5+fn5": a '+' (and elsewhere a '/') has no place in a file name.
        assertThat(FileMatchPolicy.id7("~~~~~~")).isEqualTo("fn5-fn5");
        assertThat(FileMatchPolicy.id7("A")).isEqualTo("QQ");
    }

    @Test
    void nameId7() {
        List<String> names = FileMatchPolicy.NAME_ID7.candidates(IMG_7409, 1_884_695, MASTER);
        assertThat(names).hasSize(3);
        assertThat(names.get(0)).isEqualTo("IMG_7409_QVk2Yyt.JPG");
        assertThat(names.get(1)).isEqualTo("IMG_7409_QVk2Yyt-1884695.JPG");
        assertThat(names.get(2)).matches("IMG_7409-1884695_" + TAG + "\\.JPG");
    }

    @Test
    void nameSizeDedupWithSuffix() {
        List<String> names = FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX.candidates(IMG_7409, 1_884_695, MASTER);
        assertThat(names).hasSize(3);
        assertThat(names.get(0)).isEqualTo("IMG_7409.JPG");
        assertThat(names.get(1)).isEqualTo("IMG_7409-1884695.JPG");
        assertThat(names.get(2)).matches("IMG_7409-1884695_" + TAG + "\\.JPG");
    }

    @Test
    void sizeSuffixGoesAfterTheRenditionSuffix() {
        FileName medium = new FileName("IMG_7409", "-medium", "JPG");
        assertThat(FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX.candidates(medium, 12_345, MASTER))
                .startsWith("IMG_7409-medium.JPG", "IMG_7409-medium-12345.JPG");
        assertThat(FileMatchPolicy.NAME_ID7.candidates(medium, 12_345, MASTER))
                .startsWith("IMG_7409-medium_QVk2Yyt.JPG");
    }

    @Test
    void unknownSizeLeavesTheSizeOut() {
        List<String> names = FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX.candidates(IMG_7409, -1, MASTER);
        assertThat(names).hasSize(2);
        assertThat(names.get(0)).isEqualTo("IMG_7409.JPG");
        assertThat(names.get(1)).matches("IMG_7409_" + TAG + "\\.JPG");
    }

    @Test
    void theFallbackIsStableAndDiffersPerMasterAndAsset() {
        FileMatchPolicy policy = FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX;
        assertThat(policy.candidates(IMG_7409, 1, MASTER)).isEqualTo(policy.candidates(IMG_7409, 1, MASTER));
        assertThat(policy.candidates(IMG_7409, 1, MASTER).get(2))
                .isNotEqualTo(policy.candidates(IMG_7409, 1, MASTER + "x").get(2))
                .isNotEqualTo(policy.candidates(IMG_7409, 1, MASTER, "asset-1").get(2));
        assertThat(policy.candidates(IMG_7409, 1, MASTER, "asset-1").get(2))
                .isNotEqualTo(policy.candidates(IMG_7409, 1, MASTER, "asset-2").get(2));
    }

    @ParameterizedTest
    @EnumSource(FileMatchPolicy.class)
    void candidatesStayDistinctAndWithin255BytesForLongNames(FileMatchPolicy policy) {
        FileName longName = new FileName("中".repeat(120), "-medium", "JPG");
        List<String> names = policy.candidates(longName, 1_884_695, MASTER);
        assertThat(names).doesNotHaveDuplicates().hasSize(3);
        for (String name : names) {
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(name).endsWith(".JPG").contains("-medium");
        }
        assertThat(names.get(names.size() - 1)).matches(".*-1884695_" + TAG + "\\.JPG");
    }

    @Test
    void parsesTheCliSpellings() {
        assertThat(FileMatchPolicy.parse("name-size-dedup-with-suffix")).isEqualTo(FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX);
        assertThat(FileMatchPolicy.parse(" Name-ID7 ")).isEqualTo(FileMatchPolicy.NAME_ID7);
        assertThatThrownBy(() -> FileMatchPolicy.parse("name-id8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value 'name-id8' for --file-match-policy; accepted values: "
                        + "name-size-dedup-with-suffix, name-id7");
    }
}
