package com.camelicloud.photos.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A small binary plist ({@code bplist00}) writer for tests: dictionaries (string keys), arrays, strings (ASCII or
 * UTF-16), integers, doubles, booleans, dates and data. No object sharing; references are 1 or 2 bytes.
 */
final class TestPlists {

    private static final Instant CF_EPOCH = Instant.parse("2001-01-01T00:00:00Z");

    private final List<byte[]> objects = new ArrayList<>();
    private final int refSize;

    private TestPlists(int objectCount) {
        this.refSize = objectCount < 256 ? 1 : 2;
    }

    static byte[] write(Object root) {
        TestPlists writer = new TestPlists(count(root));
        writer.add(root);
        return writer.finish();
    }

    static String base64(Object root) {
        return Base64.getEncoder().encodeToString(write(root));
    }

    private static int count(Object value) {
        if (value instanceof Map<?, ?> map) {
            int n = 1;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                n += count(entry.getKey()) + count(entry.getValue());
            }
            return n;
        }
        if (value instanceof List<?> list) {
            int n = 1;
            for (Object item : list) {
                n += count(item);
            }
            return n;
        }
        return 1;
    }

    private int add(Object value) {
        int index = objects.size();
        objects.add(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof Map<?, ?> map) {
            List<Integer> keys = new ArrayList<>();
            List<Integer> values = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                keys.add(add(entry.getKey()));
                values.add(add(entry.getValue()));
            }
            header(out, 0xD, map.size());
            keys.forEach(ref -> ref(out, ref));
            values.forEach(ref -> ref(out, ref));
        } else if (value instanceof List<?> list) {
            List<Integer> refs = new ArrayList<>();
            for (Object item : list) {
                refs.add(add(item));
            }
            header(out, 0xA, list.size());
            refs.forEach(ref -> ref(out, ref));
        } else if (value instanceof String text) {
            if (text.chars().allMatch(c -> c < 0x80)) {
                header(out, 0x5, text.length());
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                header(out, 0x6, text.length());
                out.writeBytes(text.getBytes(StandardCharsets.UTF_16BE));
            }
        } else if (value instanceof Boolean flag) {
            out.write(flag ? 0x09 : 0x08);
        } else if (value instanceof Double number) {
            out.write(0x23);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(number).array());
        } else if (value instanceof Integer || value instanceof Long) {
            out.write(0x13);
            out.writeBytes(ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array());
        } else if (value instanceof Instant instant) {
            out.write(0x33);
            double seconds = Duration.between(CF_EPOCH, instant).toNanos() / 1e9;
            out.writeBytes(ByteBuffer.allocate(8).putDouble(seconds).array());
        } else if (value instanceof byte[] data) {
            header(out, 0x4, data.length);
            out.writeBytes(data);
        } else {
            throw new IllegalArgumentException("unsupported " + value);
        }
        objects.set(index, out.toByteArray());
        return index;
    }

    private static void header(ByteArrayOutputStream out, int type, int count) {
        if (count < 15) {
            out.write((type << 4) | count);
        } else {
            out.write((type << 4) | 0xF);
            if (count < 256) {
                out.write(0x10);
                out.write(count);
            } else {
                out.write(0x11);
                out.write(count >> 8);
                out.write(count & 0xFF);
            }
        }
    }

    private void ref(ByteArrayOutputStream out, int ref) {
        if (refSize == 2) {
            out.write(ref >> 8);
        }
        out.write(ref & 0xFF);
    }

    private byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
        List<Integer> offsets = new ArrayList<>();
        for (byte[] object : objects) {
            offsets.add(out.size());
            out.writeBytes(object);
        }
        int tableOffset = out.size();
        for (int offset : offsets) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(offset).array());
        }
        ByteBuffer trailer = ByteBuffer.allocate(32);
        trailer.position(6);
        trailer.put((byte) 4).put((byte) refSize).putLong(objects.size()).putLong(0).putLong(tableOffset);
        out.writeBytes(trailer.array());
        return out.toByteArray();
    }
}
