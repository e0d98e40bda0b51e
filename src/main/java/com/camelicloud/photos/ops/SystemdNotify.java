package com.camelicloud.photos.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.camelicloud.photos.sync.SyncReport;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --notify-systemd}: tells systemd (a {@code Type=notify} unit) when the application is ready, what it is
 * doing, that it is alive (the watchdog route pings) and when it is stopping, over {@code $NOTIFY_SOCKET}.
 */
public class SystemdNotify extends EventNotifierSupport implements SyncReport.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);

    private final boolean enabled;
    private final String socket;

    public SystemdNotify(boolean enabled, String socket, SyncReport report) {
        this.enabled = enabled && socket != null && !socket.isBlank();
        this.socket = socket;
        if (enabled && !this.enabled) {
            LOG.warn("--notify-systemd is on but NOTIFY_SOCKET is not set: not started by systemd with Type=notify?");
        }
        report.addListener(this);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return enabled && (event instanceof CamelEvent.CamelContextStartedEvent
                || event instanceof CamelEvent.CamelContextStoppingEvent);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStartedEvent) {
            send("READY=1\nSTATUS=Started; the first sync begins");
        } else {
            send("STOPPING=1\nSTATUS=Stopping: finishing the files in progress");
        }
    }

    @Override
    public void cycleStarted(SyncReport report) {
        send("STATUS=Syncing");
    }

    @Override
    public void cycleFinished(SyncReport report) {
        send("STATUS=Last sync " + report.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
                + report.filesDownloaded() + " downloaded, " + report.filesFailed() + " failed"
                + (report.error() == null ? "" : "; " + report.error()));
    }

    /** Called by the systemd-watchdog route while the routes run. */
    public void watchdog() {
        send("WATCHDOG=1");
    }

    void send(String state) {
        if (!enabled) {
            return;
        }
        // A leading '@' names a socket in the abstract namespace.
        String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), new UnixSocketAddress(path));
        } catch (IOException e) {
            LOG.warn("Cannot notify systemd at {}: {}", socket, e.getMessage());
        }
    }
}
