package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated library and the Shared Library mutations, checked on the model (no HTTP). */
class LibraryGeneratorTest {

    private FakeICloud fake;
    private FakeAccount account;

    @BeforeEach
    void start() {
        fake = FakeICloud.start();
        account = fake.createAccount("jdoe@example.com", "pw").srp("s2k", 1000);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void sameSeedSameLibrary() {
        List<String> ids = LibraryGenerator.populate(account.primaryZone(), 11, 60);
        try (FakeICloud other = FakeICloud.start()) {
            FakeZone twin = other.createAccount("jdoe@example.com", "pw").primaryZone();
            assertThat(LibraryGenerator.populate(twin, 11, 60)).isEqualTo(ids);
            FakeAsset a = account.primaryZone().asset(ids.get(5));
            FakeAsset b = twin.asset(ids.get(5));
            assertThat(b.masterId()).isEqualTo(a.masterId());
            assertThat(b.filename()).isEqualTo(a.filename());
            assertThat(b.assetDate()).isEqualTo(a.assetDate());
            assertThat(b.content(Variant.ORIGINAL_VID_COMPL)).isEqualTo(a.content(Variant.ORIGINAL_VID_COMPL));
        }
        assertThat(ids).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void everyKindOfItemIsPresent() {
        FakeZone zone = account.primaryZone();
        LibraryGenerator.populate(zone, 5, 48);
        List<FakeAsset> all = zone.assets();
        assertThat(all).hasSize(48);
        assertThat(all).extracting(FakeAsset::itemType).contains("public.jpeg", "public.heic", "public.png",
                "com.apple.quicktime-movie", "public.mpeg-4", "com.canon.cr2-raw-image", "com.adobe.raw-image");
        assertThat(all).anyMatch(FakeAsset::isLivePhoto).anyMatch(FakeAsset::isFavorite).anyMatch(FakeAsset::isHidden)
                .anyMatch(FakeAsset::isDeleted).anyMatch(a -> a.filename() == null)
                .anyMatch(a -> "com.apple.photo".equals(a.adjustmentType()) && a.resource(Variant.JPEG_FULL) != null)
                .anyMatch(a -> "com.apple.video".equals(a.adjustmentType()) && a.resource(Variant.VID_FULL) != null)
                .anyMatch(a -> a.resource(Variant.ORIGINAL_ALT) != null && a.resource(Variant.ORIGINAL_ALT).kind().isRaw())
                .anyMatch(a -> a.resource(Variant.ORIGINAL_ALT) != null && !a.resource(Variant.ORIGINAL_ALT).kind().isRaw())
                .anyMatch(a -> a.timeZoneOffset() != null && a.caption() != null)
                .anyMatch(a -> a.masterId().contains("+") || a.masterId().contains("/"));
        assertThat(all).extracting(FakeAsset::filename).filteredOn(n -> n != null)
                .anyMatch(n -> n.contains("中文")).anyMatch(n -> n.contains("🎉"))
                .anyMatch(n -> n.startsWith("Jo\u0308rg")).anyMatch(n -> n.startsWith("J\u00f6rg"));
        Map<String, Long> byName = all.stream().filter(a -> a.filename() != null)
                .collect(Collectors.groupingBy(FakeAsset::filename, Collectors.counting()));
        assertThat(byName.get("IMG_0001.JPG")).isGreaterThanOrEqualTo(2);
        Map<java.time.Instant, List<FakeAsset>> sameNameByDate = all.stream()
                .filter(a -> "IMG_SAME.JPG".equals(a.filename()))
                .collect(Collectors.groupingBy(FakeAsset::assetDate));
        assertThat(sameNameByDate.values()).allSatisfy(twins -> {
            assertThat(twins).hasSize(2); // same name, same capture time, different photos
            assertThat(twins.get(0).masterId()).isNotEqualTo(twins.get(1).masterId());
        });
        assertThat(all.stream().collect(Collectors.groupingBy(FakeAsset::masterId, Collectors.counting())))
                .containsValue(2L); // an iOS Duplicate
        assertThat(zone.log().versions()).anyMatch(ChangeLog.Version::isTombstone);
        assertThat(zone.albums()).extracting(FakeAlbum::name).contains("Holidays", "Trips", "Paris", "Empty",
                Normalizer.normalize("Jörg", Normalizer.Form.NFD)).doesNotContain("Old album");
    }

    @Test
    void fixedSizeAppliesToOriginals() {
        FakeZone zone = account.primaryZone();
        new LibraryGenerator(1).fixedSize(1_000_000).populate(zone, 10);
        assertThat(zone.assets()).allMatch(a -> a.resource(Variant.ORIGINAL).size() == 1_000_000);
        FakeResource big = zone.assets().get(0).resource(Variant.ORIGINAL);
        assertThat(big.content()).hasSize(1_000_000);
    }

    @Test
    void sharedLibraryMovesEmitTheRecordedDeltas() {
        FakeZone primary = account.primaryZone();
        FakeZone shared = account.createSharedZone("12345678-abcd-4ef0-9012-3456789abcde");
        assertThat(shared.name()).isEqualTo("SharedSync-12345678-ABCD-4EF0-9012-3456789ABCDE");
        String personal = primary.addPhoto("IMG_0100.HEIC");

        long before = shared.changeLogLength();
        String inShared = primary.moveToShared(personal, shared);
        assertThat(types(shared, before)).containsExactly("CPLMaster", "CPLAsset", "CPLSharedLibraryQuota", "CPLLibraryInfo");
        FakeAsset sharedAsset = shared.asset(inShared);
        assertThat(sharedAsset.masterId()).isEqualTo(primary.asset(personal).masterId());
        assertThat(sharedAsset.contributors()).containsExactly(account.ownerRecordName());
        assertThat(primary.asset(personal).isDeleted()).isFalse();

        String back = primary.moveBackToPersonal(inShared, shared);
        assertThat(back).isEqualTo(personal);
        AssetState removed = (AssetState) shared.log().get(inShared).state();
        assertThat(removed.deleted).isTrue();
        assertThat(removed.deletedBy).isEqualTo(account.ownerRecordName());
        assertThat(removed.trashReason).isZero();
        assertThat(removed.expunged).isEqualTo(1);

        String theirs = shared.otherMemberAdds(LibraryGenerator.OTHER_MEMBER, PhotoSpec.photo("IMG_0200.JPG"));
        assertThat(shared.asset(theirs).contributors()).containsExactly(LibraryGenerator.OTHER_MEMBER);
        shared.otherMemberDeletes(theirs, LibraryGenerator.OTHER_MEMBER);
        assertThat(((AssetState) shared.log().get(theirs).state()).trashReason).isEqualTo(1);
        String moving = shared.otherMemberAdds(LibraryGenerator.OTHER_MEMBER, PhotoSpec.photo("IMG_0201.JPG"));
        shared.otherMemberMovesOut(moving, LibraryGenerator.OTHER_MEMBER);
        assertThat(((AssetState) shared.log().get(moving).state()).trashReason).isZero();
        assertThat(shared.liveAssets()).isEmpty();
    }

    @Test
    void userActionsAppendTheRecordedRecords() {
        FakeZone zone = account.primaryZone();
        String id = zone.addLivePhoto("IMG_0300.HEIC");
        Function<Runnable, List<String>> delta = action -> {
            long before = zone.changeLogLength();
            action.run();
            return types(zone, before);
        };
        assertThat(delta.apply(() -> zone.edit(id))).containsExactly("CPLAsset", "CPLLibraryInfo");
        assertThat(zone.asset(id).isEdited()).isTrue();
        assertThat(delta.apply(() -> zone.revertEdit(id))).containsExactly("CPLAsset", "CPLLibraryInfo");
        assertThat(zone.asset(id).resource(Variant.JPEG_FULL)).isNull();
        assertThat(delta.apply(() -> zone.hide(id))).containsExactly("CPLAsset", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.unhide(id))).containsExactly("CPLAsset", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.trash(id))).containsExactly("CPLMaster", "CPLAsset", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.restore(id))).containsExactly("CPLAsset", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.duplicate(id))).containsExactly("CPLMaster", "CPLAsset", "CPLLibraryInfo");
        String album = zone.createAlbum("Trip");
        assertThat(delta.apply(() -> zone.addToAlbum(id, album)))
                .containsExactly("CPLAlbum", "CPLContainerRelation", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.removeFromAlbum(id, album))).containsExactly("tombstone", "CPLAlbum", "CPLLibraryInfo");
        assertThat(delta.apply(() -> zone.purge(id))).containsExactly("tombstone", "CPLLibraryInfo"); // master still used
    }

    /** The record types appended after a log position, in order ({@code tombstone} for tombstones). */
    private static List<String> types(FakeZone zone, long after) {
        return zone.log().versions().stream()
                .filter(v -> v.seq() > after)
                .sorted(java.util.Comparator.comparingLong(ChangeLog.Version::seq))
                .map(v -> v.isTombstone() ? "tombstone" : v.state().recordType())
                .toList();
    }
}
