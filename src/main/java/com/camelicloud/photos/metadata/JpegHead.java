package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;

/**
 * What the first bytes of a JPEG file say about the picture: when it was taken (EXIF {@code DateTimeOriginal}) and its
 * pixel size (the frame header). Enough to tell whether a file whose size differs from iCloud's is the same photo with
 * metadata written into it, without reading the whole file. Never throws on bad input: what cannot be read is empty.
 *
 * @param dateTimeOriginal the capture time as the camera's (or a tool's) clock showed it, or null
 * @param width            pixels, or 0 when no frame header lies within the bytes given
 * @param height           pixels, or 0 likewise
 */
public record JpegHead(LocalDateTime dateTimeOriginal, int width, int height) {

    /** How much of a file to read: the EXIF segment is at most 64 KiB, and the frame header follows the metadata. */
    public static final int BYTES = 256 * 1024;

    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** The head of a JPEG file, or empty when {@code bytes} do not start like a JPEG. */
    public static Optional<JpegHead> of(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != JpegSegments.SOI) {
            return Optional.empty();
        }
        int[] size = frameSize(bytes);
        return Optional.of(new JpegHead(dateTimeOriginal(bytes), size[0], size[1]));
    }

    public boolean hasPixelSize() {
        return width > 0 && height > 0;
    }

    /** Width and height from the first frame header (SOF0-SOF15 but DHT, JPG and DAC), or zeros. */
    private static int[] frameSize(byte[] bytes) {
        int position = 2;
        while (position + 4 <= bytes.length) {
            if ((bytes[position] & 0xFF) != 0xFF) {
                return new int[2];
            }
            int marker = bytes[position + 1] & 0xFF;
            if (marker == 0xFF) {
                position++; // fill byte
                continue;
            }
            if (marker == JpegSegments.SOS || marker == JpegSegments.EOI) {
                return new int[2];
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                position += 2; // markers without a length
                continue;
            }
            int length = ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && position + 9 <= bytes.length) {
                int height = ((bytes[position + 5] & 0xFF) << 8) | (bytes[position + 6] & 0xFF);
                int width = ((bytes[position + 7] & 0xFF) << 8) | (bytes[position + 8] & 0xFF);
                return new int[] {width, height};
            }
            if (length < 2) {
                return new int[2];
            }
            position += 2 + length;
        }
        return new int[2];
    }

    private static LocalDateTime dateTimeOriginal(byte[] bytes) {
        try {
            TiffImageMetadata exif = new JpegImageParser().getExifMetadata(ByteSource.array(bytes),
                    new TiffImagingParameters());
            TiffField field = exif == null ? null : exif.findField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL);
            return field == null ? null : LocalDateTime.parse(field.getStringValue().trim(), EXIF_DATE_TIME);
        } catch (IOException | RuntimeException e) {
            // a head cut inside the EXIF segment, or a malformed one: no date to go by
            return null;
        }
    }
}
