package com.camelicloud.photos.fake;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The bytes of one resource, generated on demand and addressable at any offset (so Range requests and 1 GB files cost
 * no memory). Each format starts with a real header so magic-byte checks pass (docs/protocol.md §8.9): JPEGs and PNGs are
 * real, decodable images made with {@code javax.imageio}; JPEGs are padded to size with COM segments (the file stays a
 * valid JPEG that EXIF writers and readers accept), PNGs with trailing bytes after IEND; ISO media files are an
 * {@code ftyp} box plus an open-ended {@code mdat} of pseudo-random bytes; RAW files a TIFF header plus bytes.
 */
final class MediaContent {

    /** Smallest size accepted for JPEG and PNG resources: the base image (about 1 KB) must fit with room to spare. */
    static final long MIN_IMAGE_SIZE = 4096;
    /** The pixel size of every JPEG and PNG made here; their records say so too. */
    static final int IMAGE_WIDTH = 32;
    static final int IMAGE_HEIGHT = 24;

    private static final int MAX_SEGMENT = 0xFFFF + 2; // marker (2) + length field value (up to 0xFFFF, includes itself)

    static {
        ImageIO.setUseCache(false);
    }

    private final List<Part> parts;
    private final long size;

    private MediaContent(List<Part> parts) {
        this.parts = parts;
        this.size = parts.stream().mapToLong(Part::length).sum();
    }

    static MediaContent of(MediaKind kind, long size, long seed) {
        MediaContent content = switch (kind) {
            case JPEG -> jpeg(size, seed);
            case PNG -> png(size, seed);
            case HEIC -> withNoise(size, seed, box("ftyp", ascii("heic"), new byte[4], ascii("mif1"), ascii("heic")),
                    openMdat());
            case MOV -> withNoise(size, seed, box("ftyp", ascii("qt  "), new byte[] {0, 0, 2, 0}, ascii("qt  ")),
                    box("wide"), openMdat());
            case MP4 -> withNoise(size, seed, box("ftyp", ascii("isom"), new byte[] {0, 0, 2, 0}, ascii("isom"),
                    ascii("iso2"), ascii("avc1"), ascii("mp41")), openMdat());
            case DNG -> withNoise(size, seed, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
            case CR2 -> withNoise(size, seed, new byte[] {'I', 'I', 42, 0, 16, 0, 0, 0, 'C', 'R', 2, 0});
        };
        if (content.size != size) {
            throw new IllegalArgumentException(kind + " content cannot be " + size + " bytes long");
        }
        return content;
    }

    long size() {
        return size;
    }

    /** Copies {@code length} bytes starting at {@code offset} to {@code out}. */
    void writeTo(OutputStream out, long offset, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long position = offset;
        long end = offset + length;
        while (position < end) {
            int n = (int) Math.min(buffer.length, end - position);
            read(position, buffer, 0, n);
            out.write(buffer, 0, n);
            position += n;
        }
    }

    InputStream open() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                MediaContent.this.read(position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    byte[] bytes() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("content too large for a byte array: " + size);
        }
        byte[] all = new byte[(int) size];
        read(0, all, 0, all.length);
        return all;
    }

    private void read(long position, byte[] buffer, int offset, int length) {
        long partStart = 0;
        int done = 0;
        for (Part part : parts) {
            long partEnd = partStart + part.length();
            long from = position + done;
            if (done < length && from < partEnd) {
                int n = (int) Math.min(length - done, partEnd - from);
                part.read(from - partStart, buffer, offset + done, n);
                done += n;
            }
            partStart = partEnd;
            if (done == length) {
                return;
            }
        }
    }

    private static MediaContent jpeg(long size, long seed) {
        byte[] base = encode(image(seed), "jpg");
        requireImageSize(size, base);
        int headerEnd = 2;
        if ((base[2] & 0xFF) == 0xFF && (base[3] & 0xFF) == 0xE0) { // keep the JFIF APP0 right after SOI
            headerEnd = 4 + (((base[4] & 0xFF) << 8) | (base[5] & 0xFF));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Fixed(java.util.Arrays.copyOfRange(base, 0, headerEnd)));
        long padding = size - base.length;
        if (padding > 0) {
            long segments = (padding + MAX_SEGMENT - 1) / MAX_SEGMENT;
            for (long i = 0; i < segments; i++) {
                int segment = (int) (padding / segments + (i < padding % segments ? 1 : 0));
                int lengthField = segment - 2;
                parts.add(new Fixed(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) (lengthField >> 8), (byte) lengthField}));
                parts.add(new Noise(Ids.mix(seed, "com" + i), segment - 4, true));
            }
        }
        parts.add(new Fixed(java.util.Arrays.copyOfRange(base, headerEnd, base.length)));
        return new MediaContent(parts);
    }

    private static MediaContent png(long size, long seed) {
        byte[] base = encode(image(seed), "png");
        requireImageSize(size, base);
        return new MediaContent(List.of(new Fixed(base), new Noise(seed, size - base.length, false)));
    }

    private static void requireImageSize(long size, byte[] base) {
        if (size < MIN_IMAGE_SIZE || size - base.length < 4) {
            throw new IllegalArgumentException("image resources must be at least " + MIN_IMAGE_SIZE + " bytes");
        }
    }

    private static MediaContent withNoise(long size, long seed, byte[]... headers) {
        List<Part> parts = new ArrayList<>();
        long headerLength = 0;
        for (byte[] header : headers) {
            parts.add(new Fixed(header));
            headerLength += header.length;
        }
        if (size < headerLength) {
            throw new IllegalArgumentException("size " + size + " is smaller than the " + headerLength + "-byte header");
        }
        parts.add(new Noise(seed, size - headerLength, false));
        return new MediaContent(parts);
    }

    /** A small image whose colours and blocks depend on the seed, so every asset decodes to a different picture. */
    private static BufferedImage image(long seed) {
        BufferedImage image = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color((int) Ids.mix(seed) & 0xFFFFFF), IMAGE_WIDTH, IMAGE_HEIGHT,
                new Color((int) Ids.mix(seed + 7) & 0xFFFFFF)));
        g.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
        long bits = Ids.mix(seed + 13);
        g.setColor(new Color((int) (bits >>> 24) & 0xFFFFFF));
        g.fillRect((int) (bits & 15), (int) ((bits >>> 4) & 11), 4 + (int) ((bits >>> 8) & 7), 4 + (int) ((bits >>> 12) & 7));
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] box(String type, byte[]... payload) {
        int length = 8;
        for (byte[] p : payload) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(ascii(type));
        for (byte[] p : payload) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An {@code mdat} header with size 0, which ISO BMFF defines as "extends to the end of the file". */
    private static byte[] openMdat() {
        return new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private interface Part {
        long length();

        void read(long from, byte[] buffer, int offset, int length);
    }

    private record Fixed(byte[] data) implements Part {
        @Override
        public long length() {
            return data.length;
        }

        @Override
        public void read(long from, byte[] buffer, int offset, int length) {
            System.arraycopy(data, (int) from, buffer, offset, length);
        }
    }

    /** Counter-mode pseudo-random bytes: byte {@code p} is byte {@code p % 8} of {@code mix(seed + p / 8)}. */
    private record Noise(long seed, long length, boolean printable) implements Part {
        @Override
        public void read(long from, byte[] buffer, int offset, int length) {
            long word = 0;
            long wordIndex = -1;
            for (int i = 0; i < length; i++) {
                long p = from + i;
                if (p >>> 3 != wordIndex) {
                    wordIndex = p >>> 3;
                    word = Ids.mix(seed + wordIndex);
                }
                int b = (int) (word >>> ((p & 7) << 3)) & 0xFF;
                buffer[offset + i] = (byte) (printable ? 0x20 + (b & 0x3F) : b);
            }
        }
    }
}
