package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.camelicloud.photos.download.ContentChecks.Magic;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html>", "  \r\n\t<html lang=en>", "<HTML>", "{\"error\":\"x\"}",
        "{\"errors\":[]}", "{ \"message\": \"Forbidden\"}", "{\"code\":501}", "\uFEFF<!doctype html>"})
    void recognisesErrorPages(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(ContentChecks.errorBodySignature(bytes, bytes.length)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"status\":1}", "<?xml version=\"1.0\"?><plist>", "Error 501 failed!", "<htm"})
    void leavesOtherBodiesAlone(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(ContentChecks.errorBodySignature(bytes, bytes.length)).isEmpty();
    }

    @Test
    void recognisesHtmlContentTypes() {
        assertThat(ContentChecks.isHtml("text/html")).isTrue();
        assertThat(ContentChecks.isHtml("Text/HTML; charset=utf-8")).isTrue();
        assertThat(ContentChecks.isHtml("application/octet-stream")).isFalse();
        assertThat(ContentChecks.isHtml(null)).isFalse();
    }

    @Test
    void checksMagicBytesPerType() {
        assertMagic("public.jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE1), Magic.MATCHES);
        assertMagic("public.jpeg", bytes(0x89, 'P', 'N', 'G'), Magic.MISMATCH);
        assertMagic("public.png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A), Magic.MATCHES);
        assertMagic("public.heic", box("ftyp"), Magic.MATCHES);
        assertMagic("public.heif", box("ftyp"), Magic.MATCHES);
        assertMagic("public.mpeg-4", box("ftyp"), Magic.MATCHES);
        assertMagic("com.apple.m4v-video", box("moov"), Magic.MISMATCH);
        assertMagic("com.apple.quicktime-movie", box("wide"), Magic.MATCHES);
        assertMagic("com.apple.quicktime-movie", box("pnot"), Magic.MATCHES);
        assertMagic("com.apple.quicktime-movie", box("abcd"), Magic.MISMATCH);
        assertMagic("com.adobe.raw-image", bytes('I', 'I', '*', 0), Magic.MATCHES);
        assertMagic("public.tiff", bytes('M', 'M', 0, '*'), Magic.MATCHES);
        assertMagic("org.webmproject.webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1),
                Magic.MATCHES);
        assertMagic("org.webmproject.webp", "RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1),
                Magic.MISMATCH);
        assertMagic("com.compuserve.gif", "GIF89a".getBytes(StandardCharsets.ISO_8859_1), Magic.MATCHES);
        assertMagic("com.sony.arw-raw-image", bytes(1, 2, 3), Magic.NOT_CHECKED);
        assertMagic(null, bytes(1, 2, 3), Magic.NOT_CHECKED);
        assertMagic("public.jpeg", bytes(), Magic.MISMATCH);
    }

    private static void assertMagic(String uti, byte[] head, Magic expected) {
        assertThat(ContentChecks.magic(uti, head, head.length)).as(uti).isEqualTo(expected);
    }

    private static byte[] box(String type) {
        byte[] head = new byte[12];
        head[3] = 0x18;
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, head, 4, 4);
        return head;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
