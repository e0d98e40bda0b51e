package com.camelicloud.photos.cloudkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.camelicloud.photos.http.Json;
import org.junit.jupiter.api.Test;

/**
 * How a record's members and fields read (docs/protocol.md §5.1, §5.13): a missing field, a null value and a missing
 * value are all null; a flag is set only by 1 or true; the record keeps its fields whatever order they came in.
 */
class CkRecordTest {

    private static CkRecord record(String json) {
        return new CkRecord(Json.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    private static final CkRecord MASTER = record("""
            {"recordName": "AZ1", "recordType": "CPLMaster", "recordChangeTag": "t9",
             "zoneID": {"zoneName": "PrimarySync", "ownerRecordName": "_o"},
             "fields": {
               "resOriginalRes": {"value": {"size": 2048, "downloadURL": "https://cvws.icloud-content.com/B/x/${f}"},
                                  "type": "ASSETID"},
               "itemType": {"value": "public.jpeg", "type": "STRING"},
               "filenameEnc": {"value": "SU1HXzAwMDEuSlBH", "type": "ENCRYPTED_BYTES"},
               "captionEnc": {"value": "Caf\\u0065\\u0301", "type": "STRING"},
               "isFavorite": {"value": 1, "type": "INT64"},
               "isHidden": {"value": 0, "type": "INT64"},
               "isExpunged": {"value": true},
               "isDeleted": {"value": null, "type": "INT64"},
               "dateExpunged": {"type": "TIMESTAMP"},
               "duration": {"value": 12.5, "type": "DOUBLE"},
               "masterRef": {"value": {"recordName": "M7", "action": "DELETE_SELF"}, "type": "REFERENCE"},
               "addedDate": {"value": 1700000000000, "type": "TIMESTAMP"}
             }}""");

    @Test
    void theRecordsOwnMembersAreRead() {
        assertThat(MASTER.recordName()).isEqualTo("AZ1");
        assertThat(MASTER.recordType()).isEqualTo(CkRecord.MASTER);
        assertThat(MASTER.isType(CkRecord.MASTER)).isTrue();
        assertThat(MASTER.recordChangeTag()).isEqualTo("t9");
        assertThat(MASTER.zoneName()).isEqualTo("PrimarySync");
        assertThat(MASTER.isTombstone()).isFalse();
        assertThat(MASTER.serverErrorCode()).isNull();
        assertThat(MASTER).hasToString("CPLMaster:AZ1");
    }

    @Test
    void everyFieldReadsWhateverOrderTheFieldsCameIn() {
        assertThat(MASTER.string("itemType")).isEqualTo("public.jpeg");
        assertThat(MASTER.longValue("addedDate")).isEqualTo(1_700_000_000_000L);
        assertThat(MASTER.doubleValue("duration")).isEqualTo(12.5);
        assertThat(MASTER.reference("masterRef")).isEqualTo("M7");
        assertThat(MASTER.value("resOriginalRes").path("size").asLong()).isEqualTo(2048);
        assertThat(MASTER.type("resOriginalRes")).isEqualTo("ASSETID");
        assertThat(MASTER.type("masterRef")).isEqualTo("REFERENCE");
    }

    @Test
    void aMissingFieldANullValueAndAMissingValueAreAllNull() {
        assertThat(MASTER.value("noSuchField")).isNull();
        assertThat(MASTER.value("isDeleted")).isNull();
        assertThat(MASTER.value("dateExpunged")).isNull();
        assertThat(MASTER.has("isDeleted")).isFalse();
        assertThat(MASTER.has("dateExpunged")).isFalse();
        assertThat(MASTER.has("itemType")).isTrue();
        assertThat(MASTER.longValue("dateExpunged")).isNull();
        assertThat(MASTER.string("noSuchField")).isNull();
        // the type is still there when the value is not
        assertThat(MASTER.type("dateExpunged")).isEqualTo("TIMESTAMP");
        assertThat(MASTER.type("isExpunged")).isNull();
    }

    @Test
    void aFlagIsSetOnlyByOneOrTrue() {
        assertThat(MASTER.flag("isFavorite")).isTrue();
        assertThat(MASTER.flag("isExpunged")).isTrue();
        assertThat(MASTER.flag("isHidden")).isFalse();
        assertThat(MASTER.flag("isDeleted")).isFalse();
        assertThat(MASTER.flag("noSuchField")).isFalse();
        assertThat(MASTER.flag("itemType")).isFalse();
    }

    @Test
    void encodedTextIsBase64UnlessTypedStringAndComesOutNfc() {
        assertThat(MASTER.decodedText("filenameEnc")).contains("IMG_0001.JPG");
        assertThat(MASTER.decodedText("captionEnc")).contains("Caf\u00e9");
        assertThat(MASTER.decodedBytes("filenameEnc")).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("IMG_0001.JPG"));
        CkRecord broken = record("{\"recordName\": \"A\", \"recordType\": \"CPLMaster\", \"fields\": {\"filenameEnc\": "
                + "{\"value\": \"" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe})
                + "\", \"type\": \"ENCRYPTED_BYTES\"}}}");
        assertThat(broken.decodedText("filenameEnc")).isEmpty();
    }

    @Test
    void aTombstoneHasNoTypeAndAServerErrorStandsInForARecord() {
        CkRecord purged = record(
                "{\"recordName\": \"A1\", \"deleted\": true, \"zoneID\": {\"zoneName\": \"PrimarySync\"}}");
        assertThat(purged.recordType()).isNull();
        assertThat(purged.isTombstone()).isTrue();
        assertThat(purged.value("isDeleted")).isNull();
        assertThat(purged).hasToString("tombstone:A1");

        CkRecord missing = record("{\"recordName\": \"M9\", \"serverErrorCode\": \"NOT_FOUND\", \"reason\": \"gone\"}");
        assertThat(missing.serverErrorCode()).isEqualTo("NOT_FOUND");
        assertThat(missing.isType(CkRecord.MASTER)).isFalse();
    }

    @Test
    void fieldsThatAreNotAnObjectReadAsNone() {
        CkRecord odd = record("{\"recordName\": \"A\", \"recordType\": \"CPLAsset\", \"fields\": [1, 2]}");
        assertThat(odd.value("isFavorite")).isNull();
        assertThat(odd.type("isFavorite")).isNull();
        CkRecord bare = record(
                "{\"recordName\": \"A\", \"recordType\": \"CPLAsset\", \"fields\": {\"isFavorite\": 1}}");
        assertThat(bare.flag("isFavorite")).isFalse();
    }
}
