package com.camelicloud.photos.sync;

/**
 * What the copy holds, as far as telling whether an item needs anything done: classification compares an item
 * with what was stored under these settings.
 *
 * @param contentProfile identity of the download settings; items fetched under other settings are re-planned
 * @param keepsHidden    hidden photos are part of the copy ({@code --on-hidden keep}): listed, downloaded and
 *                       retried like visible ones
 */
public record CopySettings(String contentProfile, boolean keepsHidden) {
}
