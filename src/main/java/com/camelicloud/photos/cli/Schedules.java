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
        CronExpression cron;
        try {
            cron = new CronExpression(trimmed);
        } catch (ParseException e) {
            throw new UsageException("--cron '" + expression + "' is not a Quartz cron expression (" + e.getMessage()
                    + "); it has 6 or 7 fields starting with seconds, e.g. \"0 0 * * * ?\" for hourly");
        }
        Date first = cron.getNextValidTimeAfter(new Date());
        Date second = first == null ? null : cron.getNextValidTimeAfter(first);
        if (second != null && second.getTime() - first.getTime() < MIN_INTERVAL.toMillis()) {
            throw new UsageException("--cron '" + expression + "' fires more often than every "
                    + MIN_INTERVAL.toSeconds() + " seconds; Apple throttles accounts that poll that often");
        }
        return trimmed.replace(' ', '+');
    }
}
