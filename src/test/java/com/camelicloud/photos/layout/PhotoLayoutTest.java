package com.camelicloud.photos.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PhotoLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "AY6c+BsE0jjaXx9tmVGJM1D2VcEO";

    /** IMG_7409.JPG, captured 2024-03-04T23:30Z at UTC+1: its local date is the 5th. */
    private static PhotoAsset asset(String zone, String filenameField) throws Exception {
        CkRecord master = new CkRecord(JSON.readTree("""
                {"recordName": "%s", "recordType": "CPLMaster", "fields": {
                  %s
                  "itemType": {"value": "public.jpeg"},
                  "resOriginalFileType": {"value": "public.jpeg"},
                  "resOriginalRes": {"value": {"size": 1884695, "fileChecksum": "AQ", "downloadURL": "https://cvws.example/x"}},
                  "resJPEGMedFileType": {"value": "public.jpeg"},
                  "resJPEGMedRes": {"value": {"size": 123456, "fileChecksum": "AR", "downloadURL": "https://cvws.example/y"}}
                }}""".formatted(MASTER, filenameField)));
        CkRecord asset = new CkRecord(JSON.readTree("""
                {"recordName": "ASSET-1", "recordType": "CPLAsset", "fields": {
                  "masterRef": {"value": {"recordName": "%s"}},
                  "assetDate": {"value": 1709595000000},
                  "timeZoneOffset": {"value": 3600}
                }}""".formatted(MASTER)));
        return new PhotoAsset(zone, asset, master);
    }

    private static final String FILENAME = "\"filenameEnc\": {\"value\": \"SU1HXzc0MDkuSlBH\", \"type\": \"ENCRYPTED_BYTES\"},";

    @Test
    void candidatePathsFollowTheCaptureLocalDate() throws Exception {
        PhotoAsset photo = asset("PrimarySync", FILENAME);
        PhotoLayout layout = new PhotoLayout(FolderStructure.parse("%Y/%m/%d"), FileNames.defaults(),
                FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX);
        Resource original = photo.resource(PhotoAsset.ORIGINAL).orElseThrow();

        List<String> paths = layout.candidatePaths(photo, Rendition.ORIGINAL, original, ZoneOffset.UTC, null);

        assertThat(paths).hasSize(3);
        assertThat(paths.get(0)).isEqualTo("2024/03/05/IMG_7409.JPG");
        assertThat(paths.get(1)).isEqualTo("2024/03/05/IMG_7409-1884695.JPG");
        assertThat(paths.get(2)).matches("2024/03/05/IMG_7409-1884695_[0-9a-f]{12}\\.JPG");
    }

    @Test
    void libraryAlbumAndId7() throws Exception {
        PhotoAsset photo = asset("SharedSync-1A2B3C4D-5E6F-7A8B-9C0D-112233445566", FILENAME);
        PhotoLayout layout = new PhotoLayout(FolderStructure.parse("{library}/{album}"), FileNames.defaults(),
                FileMatchPolicy.NAME_ID7);
        Resource medium = photo.resource("resJPEGMed").orElseThrow();

        assertThat(layout.candidatePaths(photo, Rendition.MEDIUM, medium, ZoneOffset.UTC, List.of("Trips")))
                .startsWith("SharedSync-1A2B3C4D/Trips/IMG_7409-medium_QVk2Yyt.JPG");
        assertThat(layout.folder(photo, ZoneOffset.UTC, null)).isEqualTo("SharedSync-1A2B3C4D");
    }

    @Test
    void missingFilenameUsesTheMasterFallback() throws Exception {
        PhotoAsset photo = asset("PrimarySync", "");
        PhotoLayout layout = new PhotoLayout(FolderStructure.parse("none"), FileNames.defaults(),
                FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX);

        assertThat(layout.candidatePaths(photo, Rendition.ORIGINAL, photo.resource(PhotoAsset.ORIGINAL).orElseThrow(),
                ZoneOffset.UTC, null)).startsWith("AY6c_BsE0jja.JPG", "AY6c_BsE0jja-1884695.JPG");
    }

    @Test
    void undecodableFilenameUsesTheMasterFallback() throws Exception {
        PhotoAsset photo = asset("PrimarySync", "\"filenameEnc\": {\"value\": \"!!not base64\"},");
        FileName name = FileNames.defaults().name(photo, Rendition.ORIGINAL, null);
        assertThat(name.value()).isEqualTo("AY6c_BsE0jja.JPG");
    }

    @Test
    void adjustedFallbacksDifferPerAsset() throws Exception {
        PhotoAsset photo = asset("PrimarySync", FILENAME);
        PhotoLayout layout = new PhotoLayout(FolderStructure.parse("none"), FileNames.defaults(),
                FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX);
        Resource original = photo.resource(PhotoAsset.ORIGINAL).orElseThrow();
        String originalFallback = layout.candidatePaths(photo, Rendition.ORIGINAL, original, ZoneOffset.UTC, null).get(2);
        String adjustedFallback = layout.candidatePaths(photo, Rendition.ADJUSTED, original, ZoneOffset.UTC, null).get(2);
        assertThat(originalFallback.substring(originalFallback.lastIndexOf('_')))
                .isNotEqualTo(adjustedFallback.substring(adjustedFallback.lastIndexOf('_')));
    }
}
