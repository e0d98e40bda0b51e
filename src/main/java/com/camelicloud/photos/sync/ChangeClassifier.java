package com.camelicloud.photos.sync;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;

/**
 * Classifies a received CPLAsset by diffing it with what was stored (docs/protocol.md §6.1): a snapshot
 * cannot tell "edited" from "favourited an already-edited photo", a diff can. Replays of the same
 * page give the same answer, and an exact re-delivery of an item whose files are all present gives none.
 */
public final class ChangeClassifier {

    private ChangeClassifier() {
    }

    /**
     * @param copy         what the copy holds; an item fetched under other download settings is re-planned
     * @param filesPresent false when the destination lost files the state says were written
     * @return the change to route, or empty when nothing needs doing
     */
    public static Optional<LibraryChange> classify(ZoneId zone, PhotoAsset asset, AssetState before,
                                                   CopySettings copy, boolean filesPresent) {
        Set<Transition> transitions = EnumSet.noneOf(Transition.class);
        boolean deleted = asset.isDeleted();
        boolean hidden = asset.isHidden();
        if (before == null) {
            transitions.add(Transition.CREATED);
            if (deleted) {
                return Optional.of(LibraryChange.ofAsset(trashType(zone, asset), zone, asset, null, transitions));
            }
            if (hidden) {
                return Optional.of(LibraryChange.ofAsset(ChangeType.ASSET_HIDDEN, zone, asset, null, transitions));
            }
            return Optional.of(LibraryChange.ofAsset(ChangeType.ASSET_ADDED, zone, asset, null, transitions));
        }

        if (!before.deleted() && deleted) {
            transitions.add(Transition.TRASHED);
        } else if (before.deleted() && !deleted) {
            transitions.add(Transition.RESTORED);
        }
        if (!before.hidden() && hidden) {
            transitions.add(Transition.HIDDEN);
        } else if (before.hidden() && !hidden) {
            transitions.add(Transition.UNHIDDEN);
        }
        if (before.masterId() != null && asset.masterId() != null && !before.masterId().equals(asset.masterId())) {
            transitions.add(Transition.MASTER_CHANGED);
        }
        editTransition(asset, before).ifPresent(transitions::add);
        if (asset.isFavorite() != before.favorite()) {
            transitions.add(asset.isFavorite() ? Transition.FAVOURITED : Transition.UNFAVOURITED);
        }
        boolean kept = !deleted && (!hidden || copy.keepsHidden());
        if (kept && copy.keepsEdits() && (transitions.contains(Transition.EDITED)
                || transitions.contains(Transition.EDIT_REVERTED))) {
            // the copy holds rendered edits: a new edit is fetched, a reverted one's file goes (routes/changes.yaml)
            transitions.add(Transition.FILES_MISSING);
        }
        if (kept && (!before.filesComplete() || !filesPresent
                || !Objects.equals(copy.contentProfile(), before.contentProfile()))) {
            transitions.add(Transition.FILES_MISSING);
        }
        String digest = copy.metadataDigest(asset);
        if (kept && before.filesComplete() && digest != null && !digest.equals(before.metadataDigest())) {
            transitions.add(Transition.METADATA_STALE);
        }
        if (transitions.isEmpty() && !Objects.equals(before.changeTag(), asset.asset().recordChangeTag())) {
            transitions.add(Transition.METADATA);
        }
        if (transitions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LibraryChange.ofAsset(typeOf(zone, asset, transitions), zone, asset, before, transitions));
    }

    private static ChangeType typeOf(ZoneId zone, PhotoAsset asset, Set<Transition> transitions) {
        if (transitions.contains(Transition.TRASHED)) {
            return trashType(zone, asset);
        }
        if (transitions.contains(Transition.RESTORED)) {
            return ChangeType.ASSET_RESTORED;
        }
        if (transitions.contains(Transition.HIDDEN)) {
            return ChangeType.ASSET_HIDDEN;
        }
        if (transitions.contains(Transition.UNHIDDEN)) {
            return ChangeType.ASSET_UNHIDDEN;
        }
        if (transitions.contains(Transition.MASTER_CHANGED) || transitions.contains(Transition.FILES_MISSING)) {
            // a hidden item's files go through the hidden branch, which follows --on-hidden
            return asset.isHidden() ? ChangeType.ASSET_HIDDEN : ChangeType.ASSET_ADDED;
        }
        return ChangeType.ASSET_UPDATED;
    }

    /** §7.4: in a Shared Library, {@code trashReason} 0/absent means "moved out", not "deleted". */
    private static ChangeType trashType(ZoneId zone, PhotoAsset asset) {
        return zone.isSharedLibrary() && !asset.isTrashedForReal() ? ChangeType.SHARED_REMOVED : ChangeType.ASSET_TRASHED;
    }

    /** Edited (a new adjustment, or a new rendering of it) or reverted since {@code before}; empty when neither. */
    public static Optional<Transition> editTransition(PhotoAsset asset, AssetState before) {
        String adjustment = asset.adjustmentType();
        if (adjustment == null) {
            return before.adjustmentType() != null ? Optional.of(Transition.EDIT_REVERTED) : Optional.empty();
        }
        return !adjustment.equals(before.adjustmentType())
                || !Objects.equals(adjustedFingerprint(asset), before.adjustmentFingerprint())
                ? Optional.of(Transition.EDITED) : Optional.empty();
    }

    /** The identity of the rendered edit: the fingerprint of {@code resJPEGFull} or {@code resVidFull}. */
    public static String adjustedFingerprint(PhotoAsset asset) {
        String photo = asset.asset().string("resJPEGFullFingerprint");
        return photo != null ? photo : asset.asset().string("resVidFullFingerprint");
    }
}
