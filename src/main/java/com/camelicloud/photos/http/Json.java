package com.camelicloud.photos.http;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper of the client, and parsing that never echoes a body into an error message. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * The body as JSON, or empty when it is not JSON (an HTML error page, say) or holds nothing but white space.
     * Parsed from the UTF-8 bytes as received: a listing page is 700 KB, never decoded into a String first.
     */
    public static Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            return json == null || json.isMissingNode() ? Optional.empty() : Optional.of(json);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
