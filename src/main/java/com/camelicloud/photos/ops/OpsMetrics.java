package com.camelicloud.photos.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import com.camelicloud.photos.auth.AccountObserver;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.sync.ChangeType;
import com.camelicloud.photos.sync.SyncReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The sync's own Prometheus metrics, in the registry camel-micrometer exposes (so {@code /metrics} carries them
 * next to Camel's route metrics): what each cycle saw and did, every iCloud request by endpoint and status,
 * throttling, cycle duration, last success and days of two-factor trust left.
 */
public class OpsMetrics implements SyncReport.Listener, AccountObserver, HttpTransport.TransportObserver,
        CloudKitClient.ThrottleListener, CamelContextAware {

    private final SyncHealth health;
    private final AtomicBoolean gaugesRegistered = new AtomicBoolean();
    private CamelContext camelContext;
    private volatile MeterRegistry registry;

    public OpsMetrics(SyncReport report, SyncHealth health) {
        this.health = health;
        report.addListener(this);
    }

    @Override
    public void accountOpened(ICloudAccount account) {
        account.http().addObserver(this);
        account.cloudKit().addThrottleListener(this);
    }

    @Override
    public void changeProcessed(ChangeType type) {
        registry().counter("icloud.photos.assets.seen", "change", type.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void fileDownloaded(long bytes) {
        registry().counter("icloud.photos.files.downloaded").increment();
        registry().counter("icloud.photos.downloaded.bytes").increment(bytes);
    }

    @Override
    public void fileAlreadyPresent() {
        registry().counter("icloud.photos.files.present").increment();
    }

    @Override
    public void fileFailed() {
        registry().counter("icloud.photos.files.failed").increment();
    }

    @Override
    public void itemFreed() {
        registry().counter("icloud.photos.icloud.freed").increment();
    }

    @Override
    public void skipped(String reason) {
        registry().counter("icloud.photos.assets.skipped", "reason", reason).increment();
    }

    @Override
    public void cycleFinished(SyncReport report) {
        Timer.builder("icloud.photos.sync.cycle.duration")
                .description("How long sync cycles take, by how they ended")
                .tag("status", report.status().name().toLowerCase(Locale.ROOT))
                .register(registry()).record(report.duration());
    }

    @Override
    public void onResponse(String endpoint, int status, Duration took) {
        registry().counter("icloud.photos.requests", "endpoint", endpoint,
                "status", status < 0 ? "io_error" : Integer.toString(status)).increment();
    }

    @Override
    public void onThrottled(String endpoint, int status, Duration wait) {
        registry().counter("icloud.photos.throttled", "endpoint", endpoint).increment();
    }

    /** The Prometheus text exposition of every metric, Camel's included. */
    public String scrape() {
        return registry() instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
    }

    /** camel-micrometer's registry once it exists; a private one when metrics are off (one-shot runs). */
    private MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            MeterRegistry found = camelContext == null ? null
                    : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            current = found != null ? found : new SimpleMeterRegistry();
            registry = current;
        }
        if (gaugesRegistered.compareAndSet(false, true)) {
            registerGauges(current);
        }
        return current;
    }

    private void registerGauges(MeterRegistry target) {
        Gauge.builder("icloud.photos.last.success.timestamp", health,
                        h -> h.lastSuccess().map(time -> time.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("When a sync cycle last completed (Unix time)").baseUnit("seconds").register(target);
        Gauge.builder("icloud.photos.sync.consecutive.failures", health, SyncHealth::consecutiveFailures)
                .description("Cycles failed in a row since the last success").register(target);
        Gauge.builder("icloud.photos.files.missing", health,
                        h -> h.missingFiles().map(files -> (double) files.total()).orElse(Double.NaN))
                .description("Files the destination lacks after the last completed cycle: failed, or given up")
                .register(target);
        Gauge.builder("icloud.photos.trust.days.left", health,
                        h -> h.trustDaysLeft().map(Long::doubleValue).orElse(Double.NaN))
                .description("Days until this machine's two-factor trust is expected to lapse").register(target);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
