package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI enums: RAW alignment, MOV naming, sizes. */
class OptionsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "AS_IS,       public.jpeg,             com.canon.cr2-raw-image, false",
            "AS_IS,       com.canon.cr2-raw-image, public.jpeg,             false",
            "ORIGINAL,    public.jpeg,             com.canon.cr2-raw-image, true",
            "ORIGINAL,    com.canon.cr2-raw-image, public.jpeg,             false",
            "ORIGINAL,    public.heic,             null,                    false",
            "ORIGINAL,    com.adobe.raw-image,     com.canon.cr2-raw-image, false",
            "ORIGINAL,    public.jpeg,             public.heic,             false",
            "ALTERNATIVE, com.canon.cr2-raw-image, public.jpeg,             true",
            "ALTERNATIVE, com.adobe.raw-image,     public.heic,             true",
            "ALTERNATIVE, public.jpeg,             com.canon.cr2-raw-image, false",
            "ALTERNATIVE, com.adobe.raw-image,     null,                    false",
            "ALTERNATIVE, null,                    public.jpeg,             false",
    })
    void rawAlignmentSwaps(RawAlignment policy, String originalUti, String alternativeUti, boolean swap) {
        assertThat(policy.shouldSwap(originalUti, alternativeUti)).isEqualTo(swap);
    }

    @Test
    void parsesRawAlignment() {
        assertThat(RawAlignment.parse("as-is")).isEqualTo(RawAlignment.AS_IS);
        assertThat(RawAlignment.parse("original")).isEqualTo(RawAlignment.ORIGINAL);
        assertThat(RawAlignment.parse("alternative")).isEqualTo(RawAlignment.ALTERNATIVE);
        assertThatThrownBy(() -> RawAlignment.parse("as_is"))
                .hasMessage("Invalid value 'as_is' for --align-raw; accepted values: as-is, original, alternative");
    }

    @Test
    void parsesLiveMovNamePolicy() {
        assertThat(LiveMovNamePolicy.parse("suffix")).isEqualTo(LiveMovNamePolicy.SUFFIX);
        assertThat(LiveMovNamePolicy.parse("ORIGINAL")).isEqualTo(LiveMovNamePolicy.ORIGINAL);
        assertThatThrownBy(() -> LiveMovNamePolicy.parse(null))
                .hasMessage("Invalid value 'null' for --live-photo-mov-filename-policy; accepted values: suffix, original");
    }

    @Test
    void parsesSizes() {
        assertThat(Rendition.parseSize("original")).isEqualTo(Rendition.ORIGINAL);
        assertThat(Rendition.parseSize("medium")).isEqualTo(Rendition.MEDIUM);
        assertThat(Rendition.parseSize("thumb")).isEqualTo(Rendition.THUMB);
        assertThat(Rendition.parseSize("adjusted")).isEqualTo(Rendition.ADJUSTED);
        assertThat(Rendition.parseSize("alternative")).isEqualTo(Rendition.ALTERNATIVE);
        assertThat(Rendition.parseLiveSize("original")).isEqualTo(Rendition.LIVE_ORIGINAL);
        assertThat(Rendition.parseLiveSize("medium")).isEqualTo(Rendition.LIVE_MEDIUM);
        assertThat(Rendition.parseLiveSize("thumb")).isEqualTo(Rendition.LIVE_THUMB);
        assertThat(Rendition.parseLiveSize("adjusted")).isEqualTo(Rendition.LIVE_ADJUSTED);
        assertThatThrownBy(() -> Rendition.parseSize("large"))
                .hasMessage("Invalid value 'large' for --size; accepted values: original, medium, thumb, adjusted, alternative");
        assertThatThrownBy(() -> Rendition.parseLiveSize("alternative"))
                .hasMessage("Invalid value 'alternative' for --live-photo-size; accepted values: original, medium, thumb, adjusted");
    }

    @Test
    void renditionsKnowWhetherTheyAreMotionParts() {
        assertThat(Rendition.LIVE_THUMB.isLive()).isTrue();
        assertThat(Rendition.THUMB.isLive()).isFalse();
        assertThat(Rendition.LIVE_THUMB.suffix()).isEqualTo(Rendition.THUMB.suffix()).isEqualTo("-thumb");
    }
}
