package com.camelicloud.photos.cli;

import java.text.ParseException;

import org.quartz.CronExpression;

/** Turns {@code --cron} into the Quartz endpoint option, checked before anything starts. */
final class Schedules {

    private Schedules() {
    }

    /** The expression validated by Quartz and written for a URI (spaces become {@code +}). */
    static String quartzCron(String expression) {
        String trimmed = expression.trim();
        try {
            CronExpression.validateExpression(trimmed);
        } catch (ParseException e) {
            throw new UsageException("--cron '" + expression + "' is not a Quartz cron expression (" + e.getMessage()
                    + "); it has 6 or 7 fields starting with seconds, e.g. \"0 0 * * * ?\" for hourly");
        }
        return trimmed.replace(' ', '+');
    }
}
