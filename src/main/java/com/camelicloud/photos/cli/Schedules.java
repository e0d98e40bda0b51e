package com.camelicloud.photos.cli;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;

import org.quartz.CronExpression;

/** Turns {@code --cron} into the Quartz endpoint option, checked before anything starts. */
final class Schedules {

    /** kei's floor for --watch-with-interval, applied to --cron too. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(60);

    private Schedules() {
    }

    /** The expression validated by Quartz and written for a URI (spaces become {@code +}). */
    static String quartzCron(String expression) {
        String trimmed = expression.trim();
        Duration gap = cronInterval(expression);
        if (gap.compareTo(MIN_INTERVAL) < 0) {
            throw new UsageException("--cron '" + expression + "' fires more often than every "
                    + MIN_INTERVAL.toSeconds() + " seconds; Apple throttles accounts that poll that often");
        }
        return trimmed.replace(' ', '+');
    }

    /** The time between the schedule's next two fires (what /healthz compares the last success with). */
    static Duration cronInterval(String expression) {
        CronExpression cron;
        try {
            cron = new CronExpression(expression.trim());
        } catch (ParseException e) {
            throw new UsageException("--cron '" + expression + "' is not a Quartz cron expression (" + e.getMessage()
                    + "); it has 6 or 7 fields starting with seconds, e.g. \"0 0 * * * ?\" for hourly");
        }
        Date first = cron.getNextValidTimeAfter(new Date());
        Date second = first == null ? null : cron.getNextValidTimeAfter(first);
        return second == null ? Duration.ofDays(365) : Duration.ofMillis(second.getTime() - first.getTime());
    }
}
