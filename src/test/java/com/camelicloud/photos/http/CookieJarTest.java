package com.camelicloud.photos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class CookieJarTest {

    private static final URI SETUP = URI.create("https://setup.icloud.com/setup/ws/1/accountLogin");
    private static final URI CLOUDKIT = URI.create("https://p61-ckdatabasews.icloud.com:443/database/1/x");
    private static final URI CDN = URI.create("https://cvws.icloud-content.com/B/abc");

    @Test
    void keepsQuotedValuesVerbatimAndSendsDomainCookiesToOtherHostsOfTheDomain() {
        CookieJar jar = new CookieJar();
        jar.store(SETUP, List.of("X-APPLE-WEBAUTH-USER=\"v=1:s=1:d=12345678901\"; Domain=.icloud.com; Path=/; Secure; HttpOnly"));

        assertThat(jar.headerFor(CLOUDKIT)).contains("X-APPLE-WEBAUTH-USER=\"v=1:s=1:d=12345678901\"");
        assertThat(jar.headerFor(CDN)).isEmpty();
    }

    @Test
    void aDomainThatDoesNotMatchTheAnsweringHostBecomesHostOnly() {
        CookieJar jar = new CookieJar();
        jar.store(URI.create("http://127.0.0.1:8080/setup"), List.of("X-APPLE-WEBAUTH-TOKEN=abc; Domain=.icloud.com; Path=/"));

        assertThat(jar.headerFor(URI.create("http://127.0.0.1:9090/database/1"))).contains("X-APPLE-WEBAUTH-TOKEN=abc");
        assertThat(jar.headerFor(CLOUDKIT)).isEmpty();
    }

    @Test
    void aRestoredJarKeepsTheDomain() {
        CookieJar jar = new CookieJar();
        jar.store(SETUP, List.of("X-APPLE-WEBAUTH-TOKEN=\"v=2:t=xyz\"; Domain=icloud.com; Path=/; Secure"));
        CookieJar reloaded = new CookieJar();
        reloaded.restore(jar.snapshot());

        assertThat(reloaded.headerFor(CLOUDKIT)).contains("X-APPLE-WEBAUTH-TOKEN=\"v=2:t=xyz\"");
    }

    @Test
    void expiredAndReplacedCookiesAreNotSent() {
        CookieJar jar = new CookieJar();
        jar.store(SETUP, List.of("a=1; Path=/", "b=2; Path=/"));
        jar.store(SETUP, List.of("a=3; Path=/", "b=; Max-Age=0; Path=/"));

        assertThat(jar.headerFor(SETUP)).contains("a=3");
        assertThat(jar.snapshot()).extracting(StoredCookie::name).containsExactly("a");
    }

    @Test
    void secureCookiesStayOffPlainHttpExceptOnLoopback() {
        CookieJar jar = new CookieJar();
        jar.store(URI.create("https://example.org/"), List.of("s=1; Secure; Path=/"));
        jar.store(URI.create("http://127.0.0.1:1/"), List.of("l=1; Secure; Path=/"));

        assertThat(jar.headerFor(URI.create("http://example.org/"))).isEmpty();
        assertThat(jar.headerFor(URI.create("http://127.0.0.1:2/"))).contains("l=1");
    }
}
