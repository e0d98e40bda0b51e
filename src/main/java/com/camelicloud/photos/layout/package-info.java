/**
 * Where a downloaded file goes, relative to the destination root: folder patterns, file names,
 * collision candidates and RAW/JPEG alignment (docs/protocol.md §5.11, §5.12, §5.16, §7.5, §8.1–§8.5).
 *
 * <p>Everything here is a pure function of its arguments: no I/O, no clock, no Camel. Paths always use
 * {@code /} and never escape the destination root, whatever the server sends; deciding whether a path is
 * free is the caller's job.
 */
package com.camelicloud.photos.layout;
