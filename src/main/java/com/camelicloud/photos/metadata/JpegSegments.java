package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The marker segments of a JPEG file up to its first start-of-scan: where each one lies, what it is. Used to check a
 * file before and after rewriting its metadata (everything but the EXIF and XMP segments must come out byte for
 * byte), and to place an XMP segment where it cannot break a multi-picture (MPF) index.
 *
 * <p>Reads only the headers, never the compressed image data. Strict: a file that does not start with SOI, a segment
 * running past the end, a missing frame header or a missing SOS all fail with {@link FormatException}.
 */
final class JpegSegments {

    static final byte[] EXIF_ID = "Exif\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] MPF_ID = "MPF\0".getBytes(StandardCharsets.ISO_8859_1);

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int APP1 = 0xE1;
    static final int APP2 = 0xE2;

    private static final int HEAD_BYTES = 64;
    private static final int MAX_SEGMENTS = 65_536;

    /** A malformed JPEG. */
    static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * One marker segment.
     *
     * @param offset where its {@code FF xx} marker starts
     * @param marker the marker byte ({@code xx})
     * @param length the length field (payload plus the two length bytes); 0 for markers without one
     * @param head   the first bytes of its payload (up to 64)
     */
    record Segment(long offset, int marker, int length, byte[] head) {

        /** The offset just past it. */
        long end() {
            return offset + 2 + length;
        }

        boolean isExif() {
            return marker == APP1 && startsWith(head, EXIF_ID);
        }

        /** The standard XMP packet (not an extended-XMP chunk). */
        boolean isXmp() {
            return marker == APP1 && startsWith(head, XMP_ID);
        }

        boolean isMpf() {
            return marker == APP2 && startsWith(head, MPF_ID);
        }
    }

    private final long size;
    private final List<Segment> segments;
    private final long sosOffset;

    private JpegSegments(long size, List<Segment> segments, long sosOffset) {
        this.size = size;
        this.segments = List.copyOf(segments);
        this.sosOffset = sosOffset;
    }

    long size() {
        return size;
    }

    /** The segments before the first SOS, in file order. */
    List<Segment> segments() {
        return segments;
    }

    /** Where the first SOS marker starts: from here to the end of the file is image data the rewrite must keep. */
    long sosOffset() {
        return sosOffset;
    }

    Segment mpf() {
        return segments.stream().filter(Segment::isMpf).findFirst().orElse(null);
    }

    Segment xmp() {
        return segments.stream().filter(Segment::isXmp).findFirst().orElse(null);
    }

    long count(Predicate<Segment> which) {
        return segments.stream().filter(which).count();
    }

    static JpegSegments read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel);
        }
    }

    static JpegSegments read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 4 || readByte(channel, 0) != 0xFF || readByte(channel, 1) != SOI) {
            throw new FormatException("does not start with a JPEG SOI marker");
        }
        List<Segment> segments = new ArrayList<>();
        boolean frame = false;
        long position = 2;
        while (true) {
            if (position >= size) {
                throw new FormatException("ends before the image data (no SOS marker)");
            }
            if (readByte(channel, position) != 0xFF) {
                throw new FormatException("no marker at offset " + position);
            }
            long markerStart = position;
            int marker;
            do {
                position++;
                if (position >= size) {
                    throw new FormatException("ends inside a marker at offset " + markerStart);
                }
                marker = readByte(channel, position);
            } while (marker == 0xFF);
            position++;
            // fill bytes before a marker are legal; the marker "starts" at its last FF
            markerStart = position - 2;
            if (marker == 0x00 || marker == SOI) {
                throw new FormatException(String.format("unexpected marker FF%02X at offset %d", marker,
                        markerStart));
            }
            if (marker == EOI) {
                throw new FormatException("end of image before any image data at offset " + markerStart);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                segments.add(new Segment(markerStart, marker, 0, new byte[0]));
                continue;
            }
            if (position + 2 > size) {
                throw new FormatException("truncated segment at offset " + markerStart);
            }
            int length = (readByte(channel, position) << 8) | readByte(channel, position + 1);
            if (length < 2 || markerStart + 2 + length > size) {
                throw new FormatException(String.format("segment FF%02X at offset %d runs past the end of the file",
                        marker, markerStart));
            }
            if (marker == SOS) {
                if (!frame) {
                    throw new FormatException("image data without a frame header");
                }
                return new JpegSegments(size, segments, markerStart);
            }
            if (isFrameHeader(marker)) {
                frame = true;
            }
            byte[] head = read(channel, position + 2, Math.min(HEAD_BYTES, length - 2));
            segments.add(new Segment(markerStart, marker, length, head));
            if (segments.size() > MAX_SEGMENTS) {
                throw new FormatException("too many segments");
            }
            position = markerStart + 2 + length;
        }
    }

    /** SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Whether two files hold the same bytes in two ranges of the same length; streams, so any length is fine. */
    static boolean sameBytes(FileChannel a, long aStart, FileChannel b, long bStart, long length) throws IOException {
        ByteBuffer left = ByteBuffer.allocate(64 * 1024);
        ByteBuffer right = ByteBuffer.allocate(64 * 1024);
        long done = 0;
        while (done < length) {
            int chunk = (int) Math.min(left.capacity(), length - done);
            left.clear().limit(chunk);
            right.clear().limit(chunk);
            readFully(a, left, aStart + done);
            readFully(b, right, bStart + done);
            left.flip();
            right.flip();
            if (!left.equals(right)) {
                return false;
            }
            done += chunk;
        }
        return true;
    }

    static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, buffer, position);
        return buffer.array();
    }

    private static int readByte(FileChannel channel, long position) throws IOException {
        return read(channel, position, 1)[0] & 0xFF;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new FormatException("unexpected end of file at offset " + at);
            }
            at += n;
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
