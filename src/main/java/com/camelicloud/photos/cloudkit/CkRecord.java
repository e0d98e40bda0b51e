package com.camelicloud.photos.cloudkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One CloudKit record as received (docs/protocol.md §3.1), with field access that follows the §5.13 rules:
 * a member that is absent, a {@code value} that is null and a {@code value} that is absent all read as
 * null, and a flag is true only when its value is 1 (or JSON true).
 */
public final class CkRecord {

    public static final String ASSET = "CPLAsset";
    public static final String MASTER = "CPLMaster";
    public static final String ALBUM = "CPLAlbum";
    public static final String CONTAINER_RELATION = "CPLContainerRelation";

    private final String recordName;
    private final String recordType;
    private final boolean tombstone;
    private final String recordChangeTag;
    private final String zoneName;
    private final String serverErrorCode;
    /*
     * The fields, sorted by name: each one's type and value node. A listing page is 200 records; as Jackson trees
     * (an object, a map and a type node per field) one page held 2.4 MB and outlived the young generation, which
     * promoted it; the unwrapped fields hold about half of that and the rest of the tree dies at once.
     */
    private final String[] names;
    private final String[] types;
    private final JsonNode[] values;

    public CkRecord(JsonNode json) {
        recordName = json.path("recordName").asText(null);
        JsonNode type = json.path("recordType");
        recordType = type.isTextual() ? type.asText() : null;
        tombstone = json.path("deleted").asBoolean(false);
        recordChangeTag = json.path("recordChangeTag").asText(null);
        zoneName = json.path("zoneID").path("zoneName").asText(null);
        serverErrorCode = json.path("serverErrorCode").asText(null);
        JsonNode fields = json.path("fields");
        List<String> fieldNames = new ArrayList<>();
        fields.fieldNames().forEachRemaining(fieldNames::add);
        Collections.sort(fieldNames);
        int count = fieldNames.size();
        names = fieldNames.toArray(new String[0]);
        types = new String[count];
        values = new JsonNode[count];
        for (int i = 0; i < count; i++) {
            JsonNode field = fields.path(names[i]);
            String fieldType = field.path("type").asText(null);
            types[i] = fieldType == null ? null : fieldType.intern(); // a dozen types, repeated in every record
            JsonNode value = field.path("value");
            values[i] = value.isMissingNode() || value.isNull() ? null : value;
        }
    }

    public String recordName() {
        return recordName;
    }

    /** Null for a hard-delete tombstone (§5.10). */
    public String recordType() {
        return recordType;
    }

    public boolean isType(String type) {
        return type.equals(recordType());
    }

    /** The record-level {@code deleted} flag: a purge, never a move to Recently Deleted (§5.10, §6.1). */
    public boolean isTombstone() {
        return tombstone;
    }

    public String recordChangeTag() {
        return recordChangeTag;
    }

    public String zoneName() {
        return zoneName;
    }

    /** A server error in place of the record ({@code records/lookup}, §3.8), or null. */
    public String serverErrorCode() {
        return serverErrorCode;
    }

    public boolean has(String field) {
        return value(field) != null;
    }

    /** The field's {@code value}, or null when absent or null. */
    public JsonNode value(String field) {
        int at = Arrays.binarySearch(names, field);
        return at < 0 ? null : values[at];
    }

    public String type(String field) {
        int at = Arrays.binarySearch(names, field);
        return at < 0 ? null : types[at];
    }

    /** §5.13: true only for the number 1 or JSON true. */
    public boolean flag(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return false;
        }
        return value.isBoolean() ? value.asBoolean() : value.isNumber() && value.asLong() == 1;
    }

    public Long longValue(String field) {
        JsonNode value = value(field);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    public Double doubleValue(String field) {
        JsonNode value = value(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    public String string(String field) {
        JsonNode value = value(field);
        return value != null && value.isValueNode() ? value.asText() : null;
    }

    /** The {@code recordName} a REFERENCE field points at. */
    public String reference(String field) {
        JsonNode value = value(field);
        return value == null ? null : value.path("recordName").asText(null);
    }

    /**
     * The text of an {@code …Enc} field (§5.11), NFC-normalised: plain text when typed STRING, else
     * base64 of UTF-8. Empty when the field is absent or cannot be decoded; never throws.
     */
    public Optional<String> decodedText(String field) {
        String raw = string(field);
        if (raw == null) {
            return Optional.empty();
        }
        if ("STRING".equals(type(field))) {
            return Optional.of(Normalizer.normalize(raw, Normalizer.Form.NFC));
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(raw.trim());
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(Normalizer.normalize(text, Normalizer.Form.NFC));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The raw bytes of an ENCRYPTED_BYTES field (binary plists such as {@code keywordsEnc}). */
    public Optional<byte[]> decodedBytes(String field) {
        String raw = string(field);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(raw.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return (recordType() == null ? "tombstone" : recordType()) + ":" + recordName();
    }
}
