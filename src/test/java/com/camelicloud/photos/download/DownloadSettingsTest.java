package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DownloadSettingsTest {

    private final DownloadSettings defaults = DownloadSettings.defaults(Path.of("tmp"));

    @Test
    void defaultsFollowTheProtocol() {
        assertThat(defaults.tempSuffix()).isEqualTo(".icloud-tmp");
        assertThat(defaults.maxRetries()).isEqualTo(3);
        assertThat(defaults.initialRetryDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.readStallTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.bandwidthLimit()).isZero();
        assertThat(defaults.staleTempAge()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.userAgent()).startsWith("Mozilla/5.0");
        assertThat(defaults.webHome()).isEqualTo("https://www.icloud.com");
        assertThat(defaults.extraAllowedHosts()).isEmpty();
    }

    @Test
    void normalisesHostsAndHome() {
        DownloadSettings s = defaults.toBuilder().extraAllowedHosts(Set.of(" LocalHost ")).webHome("https://www.icloud.com.cn/")
                .build();
        assertThat(s.extraAllowedHosts()).containsExactly("localhost");
        assertThat(s.webHome()).isEqualTo("https://www.icloud.com.cn");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> defaults.toBuilder().maxRetries(101).build()).hasMessageContaining("101");
        assertThatThrownBy(() -> defaults.toBuilder().maxRetries(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().tempSuffix("").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().tempSuffix("a/b").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().readStallTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().bandwidthLimit(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.toBuilder().maxRetries(100).build().maxRetries()).isEqualTo(100);
    }
}
