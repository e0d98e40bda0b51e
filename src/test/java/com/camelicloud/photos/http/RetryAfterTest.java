package com.camelicloud.photos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsAndDatesAreWaitsAndAnythingElseIsNone() {
        String inTwoMinutes = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120)
                .format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String yesterday = ZonedDateTime.now(ZoneOffset.UTC).minusDays(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(RetryAfter.parse(" 30 ")).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(inTwoMinutes)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120)));
        assertThat(RetryAfter.parse(yesterday)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5")).isEmpty();
        assertThat(RetryAfter.parse("soon")).isEmpty();
        assertThat(RetryAfter.parse(null)).isEmpty();
    }

    @Test
    void theBackoffGrowsToItsCapAndRetryAfterWinsUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60));

        assertThat(policy.delay(0, Optional.empty())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(policy.delay(10, Optional.empty())).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(9));
        assertThat(policy.delay(0, Optional.of(Duration.ofSeconds(20)))).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delay(0, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(60));
    }
}
