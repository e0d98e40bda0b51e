package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the subset of Apple's binary property lists ({@code bplist00}) that CloudKit's {@code …Enc} fields
 * carry (docs/protocol.md §5.11): dictionaries, arrays, sets, strings (ASCII, UTF-16, UTF-8), integers, reals, dates,
 * booleans, data and UIDs.
 *
 * <p>Objects come back as plain Java values: {@link Map} (string keys, insertion order), {@link List}, {@link String},
 * {@link Long} ({@link BigInteger} beyond 64 bits), {@link Double}, {@link Instant} (dates), {@link Boolean}, {@code byte[]} (data), {@link Uid}, or null.
 * Collections are unmodifiable.
 *
 * <p>The input is untrusted: every offset and length is bounds-checked, references that loop are refused, nesting is
 * limited, and shared objects are decoded once, so a hostile plist cannot make the reader loop, recurse without end or
 * allocate more than a small multiple of its own size. Anything malformed raises {@link FormatException}; nothing else
 * escapes. Thread-safe: every parse works on its own state.
 */
public final class BinaryPlist {

    /** Larger inputs are refused; the plists this project reads are a few hundred bytes. */
    public static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;

    private static final byte[] MAGIC = "bplist00".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length;
    private static final int TRAILER = 32;
    private static final int MAX_DEPTH = 64;
    /** CFAbsoluteTime: seconds since 2001-01-01T00:00:00Z. */
    private static final long CF_EPOCH_SECONDS = 978_307_200L;
    private static final Object IN_PROGRESS = new Object();

    /** A malformed or unsupported binary plist. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    /** A keyed-archiver object reference ({@code CF$UID}). */
    public record Uid(long value) {
    }

    private final byte[] data;
    private final int offsetIntSize;
    private final int objectRefSize;
    private final int objectCount;
    private final int offsetTableOffset;
    private final int topObject;
    /** Decoded objects by index; {@link #IN_PROGRESS} while one is being decoded. */
    private final Object[] decoded;

    private BinaryPlist(byte[] data) throws FormatException {
        this.data = data;
        int trailer = data.length - TRAILER;
        offsetIntSize = data[trailer + 6] & 0xFF;
        objectRefSize = data[trailer + 7] & 0xFF;
        long count = readUnsigned(trailer + 8, 8);
        long top = readUnsigned(trailer + 16, 8);
        long tableOffset = readUnsigned(trailer + 24, 8);
        if (offsetIntSize < 1 || offsetIntSize > 8 || objectRefSize < 1 || objectRefSize > 8) {
            throw new FormatException("bad integer sizes in trailer");
        }
        // every object needs at least one byte between the header and the offset table
        if (count < 1 || count > trailer || tableOffset < HEADER || tableOffset >= trailer) {
            throw new FormatException("bad object count or offset table position");
        }
        if (count * offsetIntSize > trailer - tableOffset) {
            throw new FormatException("offset table runs past the trailer");
        }
        if (top < 0 || top >= count) {
            throw new FormatException("top object out of range");
        }
        objectCount = (int) count;
        offsetTableOffset = (int) tableOffset;
        decoded = new Object[objectCount];
        topObject = (int) top;
    }

    /** Whether the bytes start like a binary plist (it may still be malformed). */
    public static boolean looksLikeBinaryPlist(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a whole binary plist.
     *
     * @return the top object, as described in the class comment
     * @throws FormatException when the bytes are not a well-formed {@code bplist00}
     */
    public static Object parse(byte[] bytes) throws FormatException {
        if (bytes == null || !looksLikeBinaryPlist(bytes)) {
            throw new FormatException("not a binary plist");
        }
        if (bytes.length < HEADER + 1 + TRAILER) {
            throw new FormatException("too short");
        }
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new FormatException("too large: " + bytes.length + " bytes");
        }
        try {
            BinaryPlist plist = new BinaryPlist(bytes);
            return plist.object(plist.topObject, 0);
        } catch (ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // every read is checked first; this is a second line of defence
            throw new FormatException("malformed: " + e.getMessage());
        }
    }

    private Object object(int index, int depth) throws FormatException {
        if (index < 0 || index >= objectCount) {
            throw new FormatException("object reference out of range: " + index);
        }
        Object known = decoded[index];
        if (known == IN_PROGRESS) {
            throw new FormatException("object " + index + " contains itself");
        }
        if (known != null) {
            return known == Null.INSTANCE ? null : known;
        }
        if (depth > MAX_DEPTH) {
            throw new FormatException("nested deeper than " + MAX_DEPTH);
        }
        decoded[index] = IN_PROGRESS;
        Object value = decode(offsetOf(index), depth);
        decoded[index] = value == null ? Null.INSTANCE : value;
        return value;
    }

    private int offsetOf(int index) throws FormatException {
        long offset = readUnsigned(offsetTableOffset + (long) index * offsetIntSize, offsetIntSize);
        if (offset < HEADER || offset >= offsetTableOffset) {
            throw new FormatException("object " + index + " lies outside the object area");
        }
        return (int) offset;
    }

    private Object decode(int offset, int depth) throws FormatException {
        int marker = data[offset] & 0xFF;
        int type = marker >>> 4;
        int info = marker & 0x0F;
        switch (type) {
            case 0x0:
                switch (info) {
                    case 0x0:
                    case 0xF:
                        return null;
                    case 0x8:
                        return Boolean.FALSE;
                    case 0x9:
                        return Boolean.TRUE;
                    default:
                        throw new FormatException(String.format("unknown marker 0x%02x", marker));
                }
            case 0x1:
                return integer(offset + 1, info);
            case 0x2:
                return real(offset + 1, info);
            case 0x3:
                if (marker != 0x33) {
                    throw new FormatException(String.format("unknown marker 0x%02x", marker));
                }
                return date(offset + 1);
            case 0x4: {
                Span span = span(offset, info, 1);
                byte[] copy = new byte[span.count];
                System.arraycopy(data, span.start, copy, 0, span.count);
                return copy;
            }
            case 0x5: {
                Span span = span(offset, info, 1);
                return new String(data, span.start, span.count, StandardCharsets.US_ASCII);
            }
            case 0x6: {
                Span span = span(offset, info, 2);
                return new String(data, span.start, span.count * 2, StandardCharsets.UTF_16BE);
            }
            case 0x7: {
                Span span = span(offset, info, 1);
                return new String(data, span.start, span.count, StandardCharsets.UTF_8);
            }
            case 0x8:
                checkObject(offset + 1, info + 1);
                return new Uid(readUnsigned(offset + 1, info + 1));
            case 0xA:
            case 0xC: {
                Span span = span(offset, info, objectRefSize);
                List<Object> items = new ArrayList<>(span.count);
                for (int i = 0; i < span.count; i++) {
                    items.add(object(ref(span.start + i * objectRefSize), depth + 1));
                }
                return Collections.unmodifiableList(items);
            }
            case 0xD: {
                Span span = span(offset, info, 2 * objectRefSize);
                Map<String, Object> map = new LinkedHashMap<>();
                int values = span.start + span.count * objectRefSize;
                for (int i = 0; i < span.count; i++) {
                    Object key = object(ref(span.start + i * objectRefSize), depth + 1);
                    Object value = object(ref(values + i * objectRefSize), depth + 1);
                    if (key instanceof String name) {
                        map.putIfAbsent(name, value);
                    }
                    // keys that are not strings do not occur in the plists read here: skip them
                }
                return Collections.unmodifiableMap(map);
            }
            default:
                throw new FormatException(String.format("unknown marker 0x%02x", marker));
        }
    }

    /** Where a counted object's payload starts and how many units it has; the payload is bounds-checked. */
    private record Span(int start, int count) {
    }

    private Span span(int offset, int info, int unitSize) throws FormatException {
        long count;
        int start;
        if (info != 0x0F) {
            count = info;
            start = offset + 1;
        } else {
            checkObject(offset + 1, 1);
            int intMarker = data[offset + 1] & 0xFF;
            if (intMarker >>> 4 != 0x1) {
                throw new FormatException("bad extended count at " + offset);
            }
            int size = 1 << (intMarker & 0x0F);
            if (size > 8) {
                throw new FormatException("count too large at " + offset);
            }
            count = readUnsigned(offset + 2, size);
            start = offset + 2 + size;
        }
        if (count < 0 || count > Integer.MAX_VALUE / Math.max(unitSize, 1)) {
            throw new FormatException("count out of range at " + offset);
        }
        checkObject(start, count * unitSize);
        return new Span(start, (int) count);
    }

    private Number integer(int start, int info) throws FormatException {
        if (info > 4) {
            throw new FormatException("integer of 2^" + info + " bytes");
        }
        int size = 1 << info;
        checkObject(start, size);
        if (size == 16) {
            // 128-bit two's complement; CF writes unsigned 64-bit values above Long.MAX_VALUE this way
            byte[] bytes = new byte[16];
            System.arraycopy(data, start, bytes, 0, 16);
            BigInteger value = new BigInteger(bytes);
            return value.bitLength() < 64 ? (Number) value.longValue() : value;
        }
        if (size == 8) {
            return readUnsigned(start, 8); // two's complement: negative values come back negative
        }
        return readUnsigned(start, size); // 1, 2 and 4 bytes are unsigned
    }

    private Double real(int start, int info) throws FormatException {
        if (info == 2) {
            checkObject(start, 4);
            return (double) Float.intBitsToFloat((int) readUnsigned(start, 4));
        }
        if (info == 3) {
            checkObject(start, 8);
            return Double.longBitsToDouble(readUnsigned(start, 8));
        }
        throw new FormatException("real of 2^" + info + " bytes");
    }

    private Instant date(int start) throws FormatException {
        checkObject(start, 8);
        double seconds = Double.longBitsToDouble(readUnsigned(start, 8));
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e15) {
            throw new FormatException("date out of range");
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Instant.ofEpochSecond(CF_EPOCH_SECONDS + whole, nanos);
    }

    private int ref(int position) throws FormatException {
        long ref = readUnsigned(position, objectRefSize);
        if (ref < 0 || ref >= objectCount) {
            throw new FormatException("object reference out of range: " + ref);
        }
        return (int) ref;
    }

    /** Big-endian, {@code size} (1–8) bytes; 8-byte values may come back negative. */
    private long readUnsigned(long position, int size) throws FormatException {
        check(position, size);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (data[(int) position + i] & 0xFF);
        }
        return value;
    }

    private void check(long position, long length) throws FormatException {
        if (position < 0 || length < 0 || position + length > data.length) {
            throw new FormatException("read past the end at " + position);
        }
    }

    /** Object payloads lie between the header and the offset table. */
    private void checkObject(long position, long length) throws FormatException {
        if (position < HEADER || length < 0 || position + length > offsetTableOffset) {
            throw new FormatException("object data runs past the object area at " + position);
        }
    }

    /** Marks a decoded null in the cache. */
    private enum Null {
        INSTANCE
    }
}
