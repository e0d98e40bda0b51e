package com.camelicloud.photos.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.LocalFiles;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.sql.SqlComponent;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * routes/sync.yaml as the CLI runs it: Quartz fires one cycle a moment after start, and a {@link NotifyBuilder}
 * waits for it to end. A step is broken with AdviceWith to show what the user is left with.
 */
class SyncRoutesTest extends ShippedRoutesTestSupport {

    @Override
    void populate(FakeAccount account) {
        LibraryGenerator.populate(account.primaryZone(), 11, 20);
    }

    @Override
    boolean pollWithQuartz() {
        return true;
    }

    /** Starts the routes and waits for the cycle the trigger fires. */
    private SyncReport syncOnce() throws Exception {
        // the cycle's own exchange (which ends in cycle-end, however it went), not the page exchanges it splits off
        NotifyBuilder cycleEnded = new NotifyBuilder(context).fromRoute("sync-poll").wereSentTo("direct:cycle-end")
                .whenDone(1).create();
        start();
        assertThat(cycleEnded.matches(60, TimeUnit.SECONDS)).as("the cycle ended").isTrue();
        return report();
    }

    private SyncStateRepository syncState() {
        return context.getRegistry().lookupByNameAndType("syncState", SyncStateRepository.class);
    }

    @Test
    void aCleanCycleStoresTheZoneTokenAfterItsFiles() throws Exception {
        SyncReport report = syncOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCESS);
        assertThat(syncState().zoneToken(ZoneId.primary())).isPresent();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void aPageWhoseCommitFailsFailsTheCycleAndStoresNoToken() throws Exception {
        AdviceWith.adviceWith(context, "sync-commit", route -> route.weaveByToUri("sql:classpath:sql/upsert-asset.sql*")
                .replace().throwException(new IllegalStateException("disk full")));

        SyncReport report = syncOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.error()).contains("disk full");
        assertThat(syncState().zoneToken(ZoneId.primary())).isEmpty();
        // the statements before the failing one were rolled back with it
        assertThat(state().rows("SELECT * FROM master")).isEmpty();
    }

    @Test
    void aFileTheDestinationRefusesFailsThePageAndRecordsNothing() throws Exception {
        AdviceWith.adviceWith(context, "publish", route -> route.weaveByToUri("file:*").replace()
                .throwException(new IOException("No space left on device")));

        SyncReport report = syncOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.error()).contains("No space left on device");
        assertThat(syncState().zoneToken(ZoneId.primary())).isEmpty();
        assertThat(state().rows("SELECT * FROM media_file WHERE status = 'done'")).isEmpty();
        // no attempt is counted against the files: the destination failed, not iCloud
        assertThat(state().rows("SELECT * FROM media_file WHERE status = 'failed'")).isEmpty();
        assertThat(LocalFiles.published(photos())).isEmpty();
    }

    /** A page's statements are one transaction only if camel-sql writes through the pool the transactions use. */
    @Test
    void camelSqlAndThePageTransactionShareOneDataSource() throws Exception {
        start();

        DataSource registered = context.getRegistry().lookupByNameAndType("stateDataSource", DataSource.class);
        SqlComponent sql = context.getComponent("sql", SqlComponent.class);
        DataSourceTransactionManager transactions = context.getRegistry()
                .lookupByNameAndType("stateTransactionManager", DataSourceTransactionManager.class);
        assertThat(sql.getDataSource()).isSameAs(registered);
        assertThat(transactions.getDataSource()).isSameAs(registered);
    }
}
