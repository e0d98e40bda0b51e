package com.camelicloud.photos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.camelicloud.photos.sync.SyncReport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The progress line of a log (no terminal): while a cycle runs, and never while watch mode waits for the next. */
class ProgressDisplayTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger progressLogger = (Logger) LogManager.getLogger("com.camelicloud.photos.progress");
    private final AbstractAppender capture = new AbstractAppender("progress-capture", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    };

    @BeforeEach
    void captureProgressLines() {
        capture.start();
        progressLogger.addAppender(capture);
    }

    @AfterEach
    void stopCapturing() {
        progressLogger.removeAppender(capture);
        capture.stop();
    }

    @Test
    void logsProgressWhileACycleRunsAndNothingBetweenCycles() throws Exception {
        SyncReport report = new SyncReport();
        report.cycleStarted();
        report.fileDownloaded(3 * 1024 * 1024);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), false);
        ProgressDisplay display = new ProgressDisplay(report, io, false, Duration.ofMillis(40));
        display.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !lines.isEmpty());
            assertThat(lines.get(0)).startsWith("Progress: 0 items, 1 files (3.0 MiB, ");

            report.cycleFinished();
            Thread.sleep(100); // a line being written as the cycle ended
            int afterCycle = lines.size();
            Thread.sleep(400); // ten periods of the display
            assertThat(lines).as("lines logged while watch mode waits").hasSize(afterCycle);

            report.cycleStarted();
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() > afterCycle);
            assertThat(lines.get(lines.size() - 1)).startsWith("Progress: 0 items, 0 files (0 B, ");
        } finally {
            display.stop();
        }
    }
}
