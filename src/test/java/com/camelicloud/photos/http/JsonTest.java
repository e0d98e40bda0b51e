package com.camelicloud.photos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Answers are parsed from the bytes received: what is not JSON reads as empty, never as an error echoing the body. */
class JsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonAnswerIsReadFromItsUtf8Bytes() {
        assertThat(Json.parse(utf8("{\"records\": [{\"recordName\": \"🎉 party\"}]}")))
                .hasValueSatisfying(json -> assertThat(json.path("records").path(0).path("recordName").asText())
                        .isEqualTo("🎉 party"));
    }

    @Test
    void anEmptyOrBlankBodyIsNoJson() {
        assertThat(Json.parse(null)).isEmpty();
        assertThat(Json.parse(new byte[0])).isEmpty();
        assertThat(Json.parse(utf8(" \r\n\t "))).isEmpty();
    }

    @Test
    void anErrorPageIsNoJson() {
        assertThat(Json.parse(utf8("<html><body>502 Bad Gateway</body></html>"))).isEmpty();
        assertThat(Json.parse(utf8("{\"records\": [ cut off"))).isEmpty();
    }
}
