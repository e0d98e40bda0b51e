package com.camelicloud.photos.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.library.PhotoAsset;
import com.fasterxml.jackson.databind.ObjectMapper;

/** PhotoAssets built from JSON shaped like CloudKit records (docs/protocol.md §3.1, §5.4). */
final class Assets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Assets() {
    }

    /** A CPLMaster for IMG_0001 of the given UTI and a CPLAsset with the given fields (JSON members, comma-separated). */
    static PhotoAsset photo(String uti, String assetFields) {
        try {
            CkRecord master = new CkRecord(JSON.readTree("""
                    {"recordName": "AY6c+BsE0jjaXx9tmVGJM1D2VcEO", "recordType": "CPLMaster", "fields": {
                      "filenameEnc": {"value": "%s", "type": "ENCRYPTED_BYTES"},
                      "itemType": {"value": "%s", "type": "STRING"}
                    }}""".formatted(base64("IMG_0001"), uti)));
            CkRecord asset = new CkRecord(JSON.readTree("""
                    {"recordName": "F2A23C38-0020-42FE-A273-2923ADE3CAED", "recordType": "CPLAsset", "fields": {
                      "masterRef": {"value": {"recordName": "AY6c+BsE0jjaXx9tmVGJM1D2VcEO", "action": "DELETE_SELF"},
                                    "type": "REFERENCE"}%s%s
                    }}""".formatted(assetFields.isBlank() ? "" : ",", assetFields)));
            return new PhotoAsset("PrimarySync", asset, master);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static PhotoAsset jpeg(String assetFields) {
        return photo("public.jpeg", assetFields);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code "name": {"value": "<base64>", "type": "ENCRYPTED_BYTES"}} */
    static String encrypted(String name, String base64) {
        return "\"%s\": {\"value\": \"%s\", \"type\": \"ENCRYPTED_BYTES\"}".formatted(name, base64);
    }

    static String text(String name, String text) {
        return encrypted(name, base64(text));
    }

    static String plist(String name, Object plist) {
        return encrypted(name, TestPlists.base64(plist));
    }

    static String number(String name, Object value, String type) {
        return "\"%s\": {\"value\": %s, \"type\": \"%s\"}".formatted(name, value, type);
    }
}
