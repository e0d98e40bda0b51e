package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CdnAllowlistTest {

    private final CdnAllowlist allowlist = new CdnAllowlist(Set.of("127.0.0.1", "Fake.Example.org", "[::1]"));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://cvws.icloud-content.com/B/x/$%7Bf%7D?e=1",
        "https://cvws-h2.icloud-content.com:443/B/x",
        "https://CVWS.ICLOUD-CONTENT.COM/B/x",
        "https://cvws.icloud-content.com.cn/B/x",
        "https://a.cdn-apple.com/x",
        "http://127.0.0.1:8080/B/x",
        "https://fake.example.org/B/x",
        "http://[::1]:9000/B/x",
    })
    void allows(String url) {
        assertThat(allowlist.allows(URI.create(url))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://icloud-content.com/B/x",
        "https://evilicloud-content.com/B/x",
        "https://cvws.icloud-content.com.evil.net/B/x",
        "http://cvws.icloud-content.com/B/x",
        "ftp://127.0.0.1/B/x",
        "https://example.com/B/x",
        "https://www.icloud.com/B/x",
        "file:///etc/passwd",
    })
    void refuses(String url) {
        assertThat(allowlist.allows(URI.create(url))).isFalse();
    }
}
