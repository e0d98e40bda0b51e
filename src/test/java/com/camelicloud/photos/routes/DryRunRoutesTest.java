package com.camelicloud.photos.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code sync.dry-run}: the routes go through every change as a real run would and write nothing, neither a file
 * nor a move nor a line of the audit log nor any state: routes/dry-run.yaml replaced the routes that write. Every
 * {@code direct:} endpoint is mocked (and still reached), so the tests see that a dry run never even asks publish.
 */
class DryRunRoutesTest {

    abstract static class DryRun extends ShippedRoutesTestSupport {

        FakeZone zone;
        String first;

        @Override
        void populate(FakeAccount account) {
            zone = account.primaryZone();
            first = zone.addPhoto("IMG_0001.JPG");
            zone.addPhoto("IMG_0002.HEIC");
            zone.addVideo("VID_0003.MP4");
        }

        @Override
        void configure(Properties properties) {
            properties.put("sync.dry-run", "true");
            properties.put("policy.on-delete", "quarantine");
        }

        @Override
        public String isMockEndpoints() {
            return "direct:*";
        }

        Path auditLog() {
            return stateDir().resolve(DataDirectory.accountKey(APPLE_ID) + ".audit.jsonl");
        }
    }

    @Nested
    class OfANewDestination extends DryRun {

        private List<Path> everyFileUnder(Path folder) throws IOException {
            if (!Files.exists(folder)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile).toList();
            }
        }

        @Test
        void writesNothingAtAll() throws Exception {
            start();
            getMockEndpoint("mock:direct:fetch-file").expectedMessageCount(3);
            getMockEndpoint("mock:direct:publish").expectedMessageCount(0);

            assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

            MockEndpoint.assertIsSatisfied(context);
            assertThat(everyFileUnder(photos())).isEmpty();
            assertThat(new DataDirectory(stateDir()).databaseFiles(APPLE_ID)).as("state databases").isEmpty();
            assertThat(auditLog()).doesNotExist();
        }
    }

    @Nested
    class OverACopy extends DryRun {

        /** A real sync first, through the command line, before the dry run's routes are created. */
        @Override
        void populate(FakeAccount account) {
            super.populate(account);
            assertThat(new CliRunner(fake, stateDir(), APPLE_ID).sync(photos(), FakeDefaults.CODE + "\n").exitCode())
                    .isZero();
            zone.trash(first);
        }

        @Test
        void movesNothingAndRecordsNothing() throws Exception {
            Map<String, String> copy = LocalFiles.published(photos());
            Path stateFile = StateDb.fileOf(stateDir(), APPLE_ID);
            long stateModified = Files.getLastModifiedTime(stateFile).toMillis();
            start();
            getMockEndpoint("mock:direct:asset-trashed").expectedMessageCount(1);

            assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

            MockEndpoint.assertIsSatisfied(context);
            assertThat(LocalFiles.published(photos())).isEqualTo(copy);
            assertThat(photos().resolve(".deleted")).doesNotExist();
            assertThat(state().asset("PrimarySync", first)).containsEntry("status", "active");
            assertThat(Files.getLastModifiedTime(stateFile).toMillis()).isEqualTo(stateModified);
            assertThat(auditLog()).doesNotExist();
        }
    }
}
