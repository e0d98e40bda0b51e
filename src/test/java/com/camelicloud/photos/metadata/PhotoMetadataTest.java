package com.camelicloud.photos.metadata;

import static com.camelicloud.photos.metadata.Assets.encrypted;
import static com.camelicloud.photos.metadata.Assets.number;
import static com.camelicloud.photos.metadata.Assets.plist;
import static com.camelicloud.photos.metadata.Assets.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.library.PhotoAsset;
import org.junit.jupiter.api.Test;

class PhotoMetadataTest {

    /** 2018-07-31T07:02:52Z; 14:02:52 in Thailand (UTC+7, the recorded sample of §5.4). */
    static final String ASSET_DATE = number("assetDate", 1533020572000L, "TIMESTAMP");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static PhotoMetadata of(String... fields) {
        PhotoAsset asset = Assets.jpeg(String.join(",\n", fields));
        return PhotoMetadata.of(asset, PARIS);
    }

    @Test
    void everythingAnAssetCanSay() {
        PhotoMetadata metadata = of(ASSET_DATE, number("timeZoneOffset", 25200, "INT64"),
                number("isFavorite", 1, "INT64"), text("captionEnc", "Sunset"),
                text("extendedDescEnc", "Long day at the beach"),
                plist("keywordsEnc", List.of("Beach", "Thailand")),
                plist("locationV2Enc", Map.of("lat", 13.7563, "lon", 100.5018, "alt", 12.5)),
                plist("locationEnc", Map.of("lat", 1.0, "lon", 2.0)),
                number("locationLatitude", 3.0, "DOUBLE"), number("locationLongitude", 4.0, "DOUBLE"));

        assertThat(metadata.captureTime()).isEqualTo(LocalDateTime.of(2018, 7, 31, 14, 2, 52));
        assertThat(metadata.captureOffset()).isEqualTo(ZoneOffset.ofHours(7));
        assertThat(metadata.exifDateTime()).contains("2018:07:31 14:02:52");
        assertThat(metadata.exifOffset()).contains("+07:00");
        assertThat(metadata.exifSubSeconds()).isEmpty();
        assertThat(metadata.xmpDateTime()).contains("2018-07-31T14:02:52+07:00");
        assertThat(metadata.favorite()).isTrue();
        assertThat(metadata.rating()).isEqualTo(5);
        assertThat(metadata.ratingPercent()).isEqualTo(99);
        assertThat(metadata.title()).isEqualTo("Sunset");
        assertThat(metadata.description()).isEqualTo("Long day at the beach");
        assertThat(metadata.imageDescription()).contains("Long day at the beach");
        assertThat(metadata.keywords()).containsExactly("Beach", "Thailand");
        assertThat(metadata.location().latitude()).isEqualTo(13.7563);
        assertThat(metadata.location().longitude()).isEqualTo(100.5018);
        assertThat(metadata.location().altitude()).isEqualTo(12.5);
        assertThat(metadata.isEmpty()).isFalse();
    }

    @Test
    void locationFallsBackFromV2ToV1ToPlainDoubles() {
        PhotoMetadata v1WithLng = of(encrypted("locationV2Enc", "!!not base64!!"),
                plist("locationEnc", Map.of("lat", 48.8584, "lng", 2.2945)),
                number("locationLatitude", 3.0, "DOUBLE"), number("locationLongitude", 4.0, "DOUBLE"));
        PhotoMetadata v2Garbage = of(encrypted("locationV2Enc", Assets.base64("not a plist")),
                plist("locationEnc", Map.of("lat", -33.8568, "lon", 151.2153)));
        PhotoMetadata doubles = of(number("locationLatitude", -22.9519, "DOUBLE"),
                number("locationLongitude", -43.2105, "DOUBLE"));
        PhotoMetadata intsInPlist = of(plist("locationEnc", Map.of("lat", 10L, "lon", -20L)));

        assertThat(v1WithLng.location()).isEqualTo(new PhotoMetadata.Location(48.8584, 2.2945, null));
        assertThat(v2Garbage.location()).isEqualTo(new PhotoMetadata.Location(-33.8568, 151.2153, null));
        assertThat(doubles.location()).isEqualTo(new PhotoMetadata.Location(-22.9519, -43.2105, null));
        assertThat(intsInPlist.location()).isEqualTo(new PhotoMetadata.Location(10, -20, null));
    }

    @Test
    void invalidFixesAreDropped() {
        PhotoMetadata invalidHorizontal = of(plist("locationV2Enc", Map.of("lat", 1.5, "lon", 2.5, "horzAcc", -1.0)),
                plist("locationEnc", Map.of("lat", 5.5, "lon", 6.5, "alt", 100.0, "vertAcc", -1.0)));
        PhotoMetadata nullIsland = of(plist("locationEnc", Map.of("lat", 0.0, "lon", 0.0)));
        PhotoMetadata outOfRange = of(plist("locationEnc", Map.of("lat", 91.0, "lon", 0.5)),
                number("locationLatitude", 12.0, "DOUBLE"), number("locationLongitude", 181.0, "DOUBLE"));
        PhotoMetadata notADictionary = of(plist("locationEnc", List.of("lat", "lon")));
        PhotoMetadata stringCoordinates = of(plist("locationEnc", Map.of("lat", "1.0", "lon", "2.0")));

        assertThat(invalidHorizontal.location()).isEqualTo(new PhotoMetadata.Location(5.5, 6.5, null));
        assertThat(nullIsland.location()).isNull();
        assertThat(outOfRange.location()).isNull();
        assertThat(notADictionary.location()).isNull();
        assertThat(stringCoordinates.location()).isNull();
    }

    @Test
    void offsetFromTheZoneNameWhenTheOffsetIsMissing() {
        PhotoMetadata metadata = of(ASSET_DATE, text("timeZoneNameEnc", "Asia/Taipei"));

        assertThat(metadata.captureOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(metadata.exifDateTime()).contains("2018:07:31 15:02:52");
    }

    @Test
    void withoutAnyOffsetTheFallbackZoneGivesTheWallTimeAndNoOffsetIsClaimed() {
        PhotoMetadata noOffset = of(ASSET_DATE);
        PhotoMetadata badOffsetAndZone = of(ASSET_DATE, number("timeZoneOffset", 999999, "INT64"),
                text("timeZoneNameEnc", "Mars/Olympus_Mons"));

        for (PhotoMetadata metadata : List.of(noOffset, badOffsetAndZone)) {
            assertThat(metadata.captureTime()).isEqualTo(LocalDateTime.of(2018, 7, 31, 9, 2, 52)); // Paris, summer
            assertThat(metadata.captureOffset()).isNull();
            assertThat(metadata.exifOffset()).isEmpty();
            assertThat(metadata.xmpDateTime()).contains("2018-07-31T09:02:52");
        }
    }

    @Test
    void offsetsAndSubSecondsAreFormattedForExif() {
        PhotoMetadata west = of(number("assetDate", 1533020572250L, "TIMESTAMP"),
                number("timeZoneOffset", -18000, "INT64"));
        PhotoMetadata utc = of(ASSET_DATE, number("timeZoneOffset", 0, "INT64"));
        PhotoMetadata india = of(ASSET_DATE, number("timeZoneOffset", 19800, "INT64"));

        assertThat(west.exifDateTime()).contains("2018:07:31 02:02:52");
        assertThat(west.exifOffset()).contains("-05:00");
        assertThat(west.exifSubSeconds()).contains("250");
        assertThat(west.xmpDateTime()).contains("2018-07-31T02:02:52.250-05:00");
        assertThat(utc.exifOffset()).contains("+00:00");
        assertThat(india.exifOffset()).contains("+05:30");
    }

    @Test
    void captureTimeFallsBackToAddedDateAndMayBeMissing() {
        PhotoMetadata added = of(number("addedDate", 1533020572000L, "TIMESTAMP"),
                number("timeZoneOffset", 25200, "INT64"));
        PhotoMetadata none = of(number("timeZoneOffset", 25200, "INT64"));

        assertThat(added.exifDateTime()).contains("2018:07:31 14:02:52");
        assertThat(none.captureTime()).isNull();
        assertThat(none.captureOffset()).isNull();
        assertThat(none.exifDateTime()).isEmpty();
        assertThat(none.exifOffset()).isEmpty();
        assertThat(none.xmpDateTime()).isEmpty();
        assertThat(of(number("assetDate", 999_999_999_999_999L, "TIMESTAMP")).captureTime()).isNull();
    }

    @Test
    void textsAreDecodedCleanedAndBlankMeansAbsent() {
        PhotoMetadata plain = of("\"captionEnc\": {\"value\": \"  Plain title \", \"type\": \"STRING\"}",
                text("extendedDescEnc", "Line one\nline\u0000 two\u0007"));
        PhotoMetadata blank = of(text("captionEnc", "   "), encrypted("extendedDescEnc", "%%%"));
        PhotoMetadata invalidUtf8 = of(encrypted("captionEnc", "//79"));
        PhotoMetadata nfd = of(text("captionEnc", "Jo\u0308rg"));

        assertThat(plain.title()).isEqualTo("Plain title");
        assertThat(plain.description()).isEqualTo("Line one\nline two");
        assertThat(blank.title()).isNull();
        assertThat(blank.description()).isNull();
        assertThat(blank.imageDescription()).isEmpty();
        assertThat(invalidUtf8.title()).isNull();
        assertThat(nfd.title()).isEqualTo("J\u00f6rg");
        assertThat(nfd.imageDescription()).contains("J\u00f6rg");
    }

    @Test
    void keywordsAreStringsOfAnArrayTrimmedAndUnique() {
        PhotoMetadata mixed = of(plist("keywordsEnc", List.of(" Beach ", "Beach", 42L, "", "Two  words", "Été")));
        PhotoMetadata notAnArray = of(plist("keywordsEnc", Map.of("a", "b")));
        PhotoMetadata garbage = of(encrypted("keywordsEnc", Assets.base64("bplist00 but not really")));
        PhotoMetadata notBase64 = of(encrypted("keywordsEnc", "***"));

        assertThat(mixed.keywords()).containsExactly("Beach", "Two words", "Été");
        assertThat(notAnArray.keywords()).isEmpty();
        assertThat(garbage.keywords()).isEmpty();
        assertThat(notBase64.keywords()).isEmpty();
    }

    @Test
    void pythonWrittenPlistsDecodeFromRecords() {
        PhotoMetadata metadata = of(encrypted("locationEnc", BinaryPlistTest.PYTHON_LOCATION),
                encrypted("keywordsEnc", BinaryPlistTest.PYTHON_KEYWORDS));

        assertThat(metadata.location().latitude()).isCloseTo(13.7563, within(1e-12));
        assertThat(metadata.location().altitude()).isEqualTo(12.5);
        assertThat(metadata.keywords()).containsExactly("Beach", "Bangkok", "Ünïcödé ☃", "x".repeat(20));
    }

    @Test
    void anAssetWithNothingIsEmptyAndUnfavourite() {
        PhotoMetadata metadata = of(number("isFavorite", 0, "INT64"));

        assertThat(metadata.isEmpty()).isTrue();
        assertThat(metadata.rating()).isZero();
        assertThat(metadata.ratingPercent()).isZero();
        assertThat(metadata.keywords()).isEmpty();
        assertThat(PhotoMetadata.empty().isEmpty()).isTrue();
    }
}
