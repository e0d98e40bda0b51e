package com.camelicloud.photos.metadata;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Real JPEG files for tests: encoded by ImageIO, EXIF and XMP added with Commons Imaging, MPF built by hand. */
final class Jpegs {

    private Jpegs() {
    }

    /** A baseline JPEG with a colourful pattern, so that a changed pixel would show. */
    static byte[] plain(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + seed * 37) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1) + seed * 91) & 0xFF;
                int b = ((x ^ y) * 7 + seed) & 0xFF;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] plain() {
        return plain(64, 48, 1);
    }

    interface ExifEditor {
        void edit(TiffOutputSet set) throws Exception;
    }

    /** The JPEG with EXIF written by Commons Imaging (a fresh set: the input must have none). */
    static byte[] withExif(byte[] jpeg, ExifEditor editor) {
        return withExif(jpeg, ByteOrder.LITTLE_ENDIAN, editor);
    }

    static byte[] withExif(byte[] jpeg, ByteOrder order, ExifEditor editor) {
        try {
            TiffOutputSet set = new TiffOutputSet(order);
            editor.edit(set);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg, out, set);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] withXmp(byte[] jpeg, String xmp) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(jpeg, out, xmp);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] pixels(Path file) throws IOException {
        return pixels(Files.readAllBytes(file));
    }

    static int[] pixels(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null) {
            throw new IOException("ImageIO cannot decode it");
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Where the first SOS marker starts. */
    static int sosOffset(byte[] jpeg) {
        int position = 2;
        while (true) {
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xDA) {
                return position;
            }
            position += 2 + (((jpeg[position + 2] & 0xFF) << 8) | (jpeg[position + 3] & 0xFF));
        }
    }

    /** The offset of the first segment with this marker whose payload starts with the identifier, or -1. */
    static int segmentOffset(byte[] jpeg, int marker, String identifier) {
        byte[] id = identifier.getBytes(StandardCharsets.ISO_8859_1);
        int position = 2;
        while (position + 4 <= jpeg.length) {
            int current = jpeg[position + 1] & 0xFF;
            if (current == 0xDA) {
                return -1;
            }
            int length = ((jpeg[position + 2] & 0xFF) << 8) | (jpeg[position + 3] & 0xFF);
            if (current == marker && length - 2 >= id.length) {
                boolean match = true;
                for (int i = 0; i < id.length; i++) {
                    match &= jpeg[position + 4 + i] == id[i];
                }
                if (match) {
                    return position;
                }
            }
            position += 2 + length;
        }
        return -1;
    }

    /** The bytes from the image data (first SOS) to the end. */
    static byte[] imageData(byte[] jpeg) {
        int sos = sosOffset(jpeg);
        byte[] tail = new byte[jpeg.length - sos];
        System.arraycopy(jpeg, sos, tail, 0, tail.length);
        return tail;
    }

    /**
     * A multi-picture JPEG as phones write them: the primary image with an APP2 "MPF" index right after its APP0,
     * and a second JPEG appended after the primary's EOI. The index locates the second image relative to the MP
     * header, as CIPA DC-007 specifies.
     */
    static byte[] multiPicture(byte[] primary, byte[] secondary) {
        int app0End = 2 + 2 + (((primary[4] & 0xFF) << 8) | (primary[5] & 0xFF));
        int segmentLength = 2 + 4 + 82;
        int primarySize = primary.length + 2 + segmentLength;
        int mpHeader = app0End + 4 + 4; // FF E2, length, "MPF\0"
        int secondaryOffset = primarySize - mpHeader;

        ByteBuffer tiff = ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 3);
        tiff.putShort((short) 0xB000).putShort((short) 7).putInt(4).put("0100".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 0xB001).putShort((short) 4).putInt(1).putInt(2);
        tiff.putShort((short) 0xB002).putShort((short) 7).putInt(32).putInt(50);
        tiff.putInt(0); // no next IFD
        tiff.putInt(0x20030000).putInt(primarySize).putInt(0).putShort((short) 0).putShort((short) 0);
        tiff.putInt(0x00010002).putInt(secondary.length).putInt(secondaryOffset).putShort((short) 0)
                .putShort((short) 0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(primary, 0, app0End);
        out.write(0xFF);
        out.write(0xE2);
        out.write(segmentLength >> 8);
        out.write(segmentLength & 0xFF);
        out.writeBytes("MPF\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff.array());
        out.write(primary, app0End, primary.length - app0End);
        out.writeBytes(secondary);
        return out.toByteArray();
    }

    /** Follows the MPF index of a file to its second image: the bytes from there to the end of the file. */
    static byte[] secondImageByIndex(byte[] jpeg) {
        int app2 = segmentOffset(jpeg, 0xE2, "MPF\0");
        if (app2 < 0) {
            throw new IllegalStateException("no MPF segment");
        }
        int mpHeader = app2 + 8;
        ByteBuffer index = ByteBuffer.wrap(jpeg).order(ByteOrder.LITTLE_ENDIAN);
        int entries = mpHeader + index.getInt(mpHeader + 8 + 2 + 24 + 8);
        int offset = index.getInt(entries + 16 + 8);
        int size = index.getInt(entries + 16 + 4);
        byte[] second = new byte[size];
        System.arraycopy(jpeg, mpHeader + offset, second, 0, size);
        return second;
    }
}
