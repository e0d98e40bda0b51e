package com.camelicloud.photos.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.http.Json;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.state.AssetState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §6.1: diffs against stored state, §5.13 null-versus-0, §7.4 trashReason. */
class ChangeClassifierTest {

    private static final String PROFILE = "p";
    private static final CopySettings COPY = new CopySettings(PROFILE, true, false, MetadataOptions.none());
    private static final ZoneId SHARED = new ZoneId("SharedSync-1234", com.camelicloud.photos.cloudkit.Database.PRIVATE);

    private static PhotoAsset asset(String tag, Object... fields) {
        ObjectNode json = Json.object();
        json.put("recordName", "A1");
        json.put("recordType", "CPLAsset");
        json.put("recordChangeTag", tag);
        ObjectNode values = json.putObject("fields");
        values.putObject("masterRef").putObject("value").put("recordName", "M1");
        for (int i = 0; i < fields.length; i += 2) {
            ObjectNode field = values.putObject((String) fields[i]);
            if (fields[i + 1] instanceof Integer n) {
                field.put("value", n);
            } else if (fields[i + 1] instanceof String text) {
                field.put("value", text);
            } else {
                field.putNull("value");
            }
        }
        return new PhotoAsset("PrimarySync", new CkRecord(json), null);
    }

    private static AssetState stored(boolean deleted, boolean hidden, boolean favorite, String adjustment) {
        return new AssetState("PrimarySync", "A1", "M1", "t1", deleted, hidden, favorite, adjustment, null, "active",
                PROFILE, true, null, null, null);
    }

    private static Optional<LibraryChange> classify(PhotoAsset asset, AssetState before) {
        return ChangeClassifier.classify(ZoneId.primary(), asset, before, COPY, true);
    }

    @Test
    void anUnknownAssetIsAdded() {
        assertThat(classify(asset("t1"), null)).get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_ADDED);
    }

    @Test
    void anExactRedeliveryOfACompleteItemIsNoChange() {
        assertThat(classify(asset("t1", "isFavorite", 0, "isHidden", 0), stored(false, false, false, null))).isEmpty();
    }

    @Test
    void isDeletedOneIsASoftDeleteAndNullIsARestore() {
        assertThat(classify(asset("t2", "isDeleted", 1), stored(false, false, false, null)))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_TRASHED);
        assertThat(classify(asset("t3", "isDeleted", null), stored(true, false, false, null)))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_RESTORED);
        assertThat(classify(asset("t3"), stored(true, false, false, null)))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_RESTORED);
    }

    @Test
    void hidingAndUnhidingUseZeroNotNull() {
        assertThat(classify(asset("t2", "isHidden", 1), stored(false, false, false, null)))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_HIDDEN);
        assertThat(classify(asset("t3", "isHidden", 0), stored(false, true, false, null)))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_UNHIDDEN);
    }

    @Test
    void favouritingAnEditedPhotoIsNotAnEdit() {
        LibraryChange change = classify(asset("t2", "isFavorite", 1, "adjustmentType", "com.apple.photo"),
                stored(false, false, false, "com.apple.photo")).orElseThrow();

        assertThat(change.getType()).isEqualTo(ChangeType.ASSET_UPDATED);
        assertThat(change.transitions()).containsExactly(Transition.FAVOURITED);
    }

    @Test
    void anEditAndItsRevertAreSeen() {
        assertThat(classify(asset("t2", "adjustmentType", "com.apple.photo"), stored(false, false, false, null)).orElseThrow()
                .transitions()).containsExactly(Transition.EDITED);
        assertThat(classify(asset("t3"), stored(false, false, false, "com.apple.photo")).orElseThrow()
                .transitions()).containsExactly(Transition.EDIT_REVERTED);
    }

    @Test
    void aCopyWithEditsFetchesAnEditOrARevertAndTheHiddenBranchDoesItForAHiddenPhoto() {
        CopySettings withEdits = new CopySettings(PROFILE, true, true, MetadataOptions.none());
        LibraryChange edit = ChangeClassifier.classify(ZoneId.primary(), asset("t2", "adjustmentType", "com.apple.photo"),
                stored(false, false, false, null), withEdits, true).orElseThrow();
        LibraryChange revert = ChangeClassifier.classify(ZoneId.primary(), asset("t3"),
                stored(false, false, false, "com.apple.photo"), withEdits, true).orElseThrow();
        LibraryChange hidden = ChangeClassifier.classify(ZoneId.primary(),
                asset("t4", "isHidden", 1, "adjustmentType", "com.apple.photo"), stored(false, true, false, null),
                withEdits, true).orElseThrow();

        assertThat(edit.getType()).isEqualTo(ChangeType.ASSET_ADDED);
        assertThat(edit.has(Transition.EDITED)).isTrue();
        assertThat(revert.getType()).isEqualTo(ChangeType.ASSET_ADDED);
        assertThat(hidden.getType()).isEqualTo(ChangeType.ASSET_HIDDEN);
        assertThat(ChangeClassifier.classify(ZoneId.primary(), asset("t4", "isHidden", 1, "adjustmentType", "x"),
                stored(false, true, false, null), new CopySettings(PROFILE, false, true, MetadataOptions.none()), true).orElseThrow()
                .transitions()).containsExactly(Transition.EDITED);
    }

    @Test
    void aSharedLibraryRemovalWithoutTrashReasonIsAMoveOutNotADeletion() {
        AssetState before = new AssetState("SharedSync-1234", "A1", "M1", "t1", false, false, false, null, null,
                "active", PROFILE, true, null, null, null);

        assertThat(ChangeClassifier.classify(SHARED, asset("t2", "isDeleted", 1), before, COPY, true))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.SHARED_REMOVED);
        assertThat(ChangeClassifier.classify(SHARED, asset("t2", "isDeleted", 1, "trashReason", 1), before, COPY, true))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_TRASHED);
    }

    @Test
    void missingFilesOrOtherSettingsReplanTheItem() {
        assertThat(ChangeClassifier.classify(ZoneId.primary(), asset("t1"), stored(false, false, false, null), COPY, false))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_ADDED);
        assertThat(ChangeClassifier.classify(ZoneId.primary(), asset("t1"), stored(false, false, false, null),
                new CopySettings("other", true, false, MetadataOptions.none()), true))
                .get().extracting(LibraryChange::getType).isEqualTo(ChangeType.ASSET_ADDED);
    }
}
