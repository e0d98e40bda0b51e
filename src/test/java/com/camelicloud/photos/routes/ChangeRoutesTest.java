package com.camelicloud.photos.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.sync.FileTask;
import com.camelicloud.photos.sync.LibraryChange;
import com.camelicloud.photos.sync.SyncReport;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * routes/changes.yaml: each kind of change reaches its branch route, and only that one, with the policies
 * {@code on-delete=quarantine}, {@code on-hidden=quarantine} and {@code on-purge=delete}. Every {@code direct:}
 * endpoint is mocked (and still reached), so a test counts what each branch received in a cycle.
 */
class ChangeRoutesTest extends ShippedRoutesTestSupport {

    private FakeZone zone;
    private List<String> items;

    @Override
    void populate(FakeAccount account) {
        zone = account.primaryZone();
        items = List.of(zone.addPhoto("IMG_0001.JPG"), zone.addPhoto("IMG_0002.JPG"), zone.addPhoto("IMG_0003.HEIC"),
                zone.addVideo("VID_0004.MP4"));
    }

    @Override
    void configure(Properties properties) {
        properties.put("policy.on-delete", "quarantine");
        properties.put("policy.on-hidden", "quarantine");
        properties.put("policy.on-purge", "delete");
    }

    @Override
    public String isMockEndpoints() {
        return "direct:*";
    }

    private MockEndpoint branch(String route) {
        return getMockEndpoint("mock:direct:" + route);
    }

    private void expect(String route, int exchanges) {
        branch(route).expectedMessageCount(exchanges);
    }

    /** The item whose change the branch received first. */
    private String received(String route) {
        return branch(route).getReceivedExchanges().get(0).getMessage().getBody(LibraryChange.class).getRecordName();
    }

    /** The first cycle: every item downloaded. Mocks count from zero afterwards. */
    private void firstSync() throws Exception {
        start();
        assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);
        MockEndpoint.resetMocks(context);
    }

    private String pathOf(String assetId) {
        return (String) state().rows("SELECT path FROM media_file WHERE asset_id = ?", assetId).get(0).get("path");
    }

    private List<String> auditLines() throws IOException {
        Path log = stateDir().resolve(APPLE_ID + ".audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void newItemsGoThroughAssetAddedToOneFetchPerFile() throws Exception {
        start();
        expect("asset-added", 4);
        expect("fetch-file", 4);
        expect("change-done", 4);
        expect("asset-updated", 0);
        expect("asset-trashed", 0);
        branch("fetch-file").allMessages().body().isInstanceOf(FileTask.class);

        assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(items).allSatisfy(item -> assertThat(photos().resolve(pathOf(item))).isRegularFile());
    }

    @Test
    void eachKindOfChangeReachesItsOwnBranch() throws Exception {
        firstSync();
        zone.trash(items.get(0));
        zone.hide(items.get(1));
        zone.favourite(items.get(2));
        zone.addToAlbum(items.get(3), zone.createAlbum("Trip"));
        expect("asset-trashed", 1);
        expect("asset-hidden", 1);
        expect("asset-updated", 1);
        expect("album-changed", 1);
        expect("album-member-added", 1);
        expect("asset-added", 0);
        expect("fetch-file", 0);
        expect("asset-purged", 0);

        assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(received("asset-trashed")).isEqualTo(items.get(0));
        assertThat(received("asset-hidden")).isEqualTo(items.get(1));
        assertThat(received("asset-updated")).isEqualTo(items.get(2));
        assertThat(photos().resolve(".deleted").resolve(pathOf(items.get(0)))).isRegularFile();
        assertThat(photos().resolve(".hidden").resolve(pathOf(items.get(1)))).isRegularFile();
        assertThat(photos().resolve(pathOf(items.get(2)))).isRegularFile();
        assertThat(auditLines()).hasSize(2);
    }

    @Test
    void aPurgeDeletesTheQuarantinedFileWithOneAuditLineAndOneChangeDone() throws Exception {
        firstSync();
        zone.trash(items.get(0));
        cycle();
        Path quarantined = photos().resolve(".deleted").resolve(pathOf(items.get(0)));
        assertThat(quarantined).isRegularFile();
        List<String> before = auditLines();
        zone.purge(items.get(0));
        MockEndpoint.resetMocks(context);
        expect("asset-purged", 1);
        expect("change-done", 1);
        expect("asset-trashed", 0);

        assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(quarantined).doesNotExist();
        assertThat(auditLines()).hasSize(before.size() + 1);
        assertThat(auditLines().get(before.size())).contains("\"reason\":\"purged\"").contains("on-purge=delete");
    }

    @Test
    void aRestoredItemComesBackFromQuarantine() throws Exception {
        firstSync();
        zone.trash(items.get(0));
        cycle();
        zone.restore(items.get(0));
        MockEndpoint.resetMocks(context);
        expect("asset-restored", 1);
        expect("fetch-file", 0);

        cycle();

        MockEndpoint.assertIsSatisfied(context);
        assertThat(photos().resolve(pathOf(items.get(0)))).isRegularFile();
        assertThat(photos().resolve(".deleted").resolve(pathOf(items.get(0)))).doesNotExist();
    }

    /** A page is one transaction: a branch that fails leaves its token and its rows unwritten, and is replayed. */
    @Test
    void aBranchThatFailsFailsItsPageWhichTheNextCycleReplays() throws Exception {
        AtomicBoolean auditLogUnwritable = new AtomicBoolean();
        AdviceWith.adviceWith(context, "asset-trashed", route -> route.weaveByToUri("direct:audit").before()
                .process(exchange -> {
                    if (auditLogUnwritable.getAndSet(false)) {
                        throw new IOException("the audit log cannot be written");
                    }
                }));
        firstSync();
        String tokenAfterFirstSync = state().zoneToken("PrimarySync");
        zone.trash(items.get(0));
        auditLogUnwritable.set(true);

        SyncReport failed = cycle();

        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(failed.error()).contains("the audit log cannot be written");
        assertThat(state().zoneToken("PrimarySync")).isEqualTo(tokenAfterFirstSync);
        assertThat(state().asset("PrimarySync", items.get(0))).containsEntry("status", "active");

        assertThat(cycle().status()).isEqualTo(SyncReport.Status.SUCCESS);

        assertThat(state().zoneToken("PrimarySync")).isNotEqualTo(tokenAfterFirstSync);
        assertThat(state().asset("PrimarySync", items.get(0))).containsEntry("status", "trashed");
        assertThat(photos().resolve(".deleted").resolve(pathOf(items.get(0)))).isRegularFile();
    }
}
