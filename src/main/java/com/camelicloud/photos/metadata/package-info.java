/**
 * iCloud metadata written into downloaded files before they are published (kei's {@code --set-exif-datetime},
 * {@code --set-exif-rating}, {@code --set-exif-gps}, {@code --set-exif-description}, {@code --embed-xmp} and
 * {@code --xmp-sidecar}).
 *
 * <ul>
 * <li>{@link com.camelicloud.photos.metadata.PhotoMetadata} — what a {@code PhotoAsset} says: capture-local time and
 * offset (docs/protocol.md §5.16), favourite, location (§5.11: {@code locationV2Enc}, {@code locationEnc}, then
 * {@code locationLatitude}/{@code locationLongitude}), title ({@code captionEnc}), description
 * ({@code extendedDescEnc}), keywords ({@code keywordsEnc}). Binary plists are read by
 * {@link com.camelicloud.photos.metadata.BinaryPlist}.</li>
 * <li>{@link com.camelicloud.photos.metadata.MetadataOptions} — the six switches.</li>
 * <li>{@link com.camelicloud.photos.metadata.MetadataWriter} — edits the temp file in place, atomically, JPEG only;
 * reports an {@link com.camelicloud.photos.metadata.Outcome}.</li>
 * <li>{@link com.camelicloud.photos.metadata.XmpSidecar} — the {@code .xmp} file, asked for or as the fallback for
 * files that cannot be edited; named {@code IMG_0001.HEIC.xmp} by default (see its documentation for why).</li>
 * <li>{@link com.camelicloud.photos.metadata.SidecarNotice} — "HEIC files cannot be edited safely…", once per run.</li>
 * </ul>
 *
 * <p>Typical use, per downloaded temp file, before the rename into place:
 *
 * <pre>{@code
 * PhotoMetadata metadata = PhotoMetadata.of(asset, zone);
 * Outcome outcome = writer.apply(tempFile, resource.uti(), metadata, options);
 * // ... publish tempFile as finalPath ...
 * if (outcome.needsSidecar(options)) {
 *     sidecars.write(finalPath, metadata);
 * }
 * }</pre>
 *
 * <p>"Only if missing" applies to dates and GPS: a camera's own values are never replaced. Rating, title and
 * description are iCloud's, which is where the user set them. Nothing in this package throws on bad iCloud data or
 * unreadable files; it logs and leaves the bytes alone.
 */
package com.camelicloud.photos.metadata;
