package com.camelicloud.photos.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** Jackson plumbing: lenient parsing of request bodies, Apple-style pretty printing ({@code "key" : value}). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a body; an empty body or invalid JSON reads as JSON {@code null} (callers then see missing members). */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (java.io.IOException e) {
            return NullNode.getInstance();
        }
    }

    static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String compact(JsonNode node) {
        return node.toString();
    }

    /** A text member, or {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** {@code desiredKeys} as a set, or {@code null} when absent (meaning "all fields"). */
    static Set<String> stringSet(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** CloudKit's error body: {@code {"serverErrorCode": …, "reason": …}}, optionally naming a record. */
    static ObjectNode error(String code, String reason) {
        ObjectNode n = object();
        n.put("serverErrorCode", code);
        n.put("reason", reason);
        return n;
    }
}
