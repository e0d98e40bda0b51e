package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BandwidthLimiterTest {

    @ParameterizedTest
    @CsvSource({
        "10M, 10000000",
        "500K, 500000",
        "500k, 500000",
        "2Mi, 2097152",
        "2mi, 2097152",
        "1.5M, 1500000",
        "1Gi, 1073741824",
        "3G, 3000000000",
        "64Ki, 65536",
        "250000, 250000",
        "0, 0",
        "10MB, 10000000",
        "' 2 Mi ', 2097152",
    })
    void parsesRates(String text, long expected) {
        assertThat(BandwidthLimiter.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "10X", "-5M", "1e6", "10 MB/s", "M", "0.1"})
    void rejectsAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> BandwidthLimiter.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        BandwidthLimiter limiter = BandwidthLimiter.unlimited();
        long started = System.nanoTime();
        limiter.acquire(1L << 40);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(limiter.isUnlimited()).isTrue();
    }

    @Test
    void oneBucketIsSharedByAllThreads() throws Exception {
        // 4 threads × 50 KB at 100 KB/s together: about 2 s, whatever the thread count
        BandwidthLimiter limiter = new BandwidthLimiter(100_000);
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        limiter.acquire(10_000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> new BandwidthLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
