package com.camelicloud.photos.sync;

/**
 * What the copy holds, as far as telling whether an item needs anything done: classification compares an item
 * with what was stored under these settings.
 *
 * @param contentProfile identity of the download settings; items fetched under other settings are re-planned
 * @param keepsHidden    hidden photos are part of the copy ({@code --on-hidden keep}): listed, downloaded and
 *                       retried like visible ones
 * @param keepsEdits     rendered edits are part of the copy ({@code --size adjusted}): an edit or a revert changes
 *                       the item's files
 */
public record CopySettings(String contentProfile, boolean keepsHidden, boolean keepsEdits) {
}
