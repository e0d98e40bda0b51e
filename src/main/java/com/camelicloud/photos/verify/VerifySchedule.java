package com.camelicloud.photos.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a long-running sync (watch mode) verifies its destination: on its first cycle, then once {@code interval} has
 * passed since the last verify that completed. A one-off sync never does; {@code verify} is the command for that.
 */
public class VerifySchedule {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhd])");

    private final Duration interval;
    private final Clock clock;
    private volatile Instant last;

    /**
     * @param periodic whether this process verifies periodically ({@code verify.periodic}: the CLI sets it in watch mode)
     * @param interval {@code verify.interval}: a number and a unit ({@code 30m}, {@code 12h}, {@code 1d}), or {@code off}
     */
    public VerifySchedule(boolean periodic, String interval) {
        this(periodic, interval, Clock.systemUTC());
    }

    VerifySchedule(boolean periodic, String interval, Clock clock) {
        Duration parsed = parse(interval);
        this.interval = periodic ? parsed : null;
        this.clock = clock;
    }

    /** {@code off} (null), or a number followed by s, m, h or d; anything else is refused with a message. */
    public static Duration parse(String interval) {
        String text = interval == null ? "" : interval.trim().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            return null;
        }
        Matcher matcher = INTERVAL.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("must be a number and a unit (s, m, h or d), such as 12h or 7d, or off, "
                + "not '" + interval + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Whether this cycle verifies before it asks iCloud what changed. */
    public boolean due() {
        Instant previous = last;
        return interval != null && (previous == null || !clock.instant().isBefore(previous.plus(interval)));
    }

    /** A verify completed: the next one is due an interval from now. */
    public void verified() {
        last = clock.instant();
    }
}
