// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.tty;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A terminal's window size, {@code struct winsize} without the pixel fields (written as 0, which is what
 * terminal emulators that do not know their cell size send).
 *
 * <pre>{@code
 * WinSize size = new WinSize(120, 40);   // 120 columns, 40 rows: what `stty size` prints as "40 120"
 * }</pre>
 *
 * @param columns the width in characters, 0..65535
 * @param rows the height in lines, 0..65535
 * @since 0.2
 */
public record WinSize(int columns, int rows) {
    /** {@code sizeof(struct winsize)}: four unsigned shorts. */
    public static final int SIZE = 8;

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if {@code columns} or {@code rows} does not fit an unsigned short
     */
    public WinSize {
        if (columns < 0 || columns > 0xffff) {
            throw new IllegalArgumentException("columns must be in 0..65535, was " + columns);
        }
        if (rows < 0 || rows > 0xffff) {
            throw new IllegalArgumentException("rows must be in 0..65535, was " + rows);
        }
    }

    /**
     * Parses {@code COLSxROWS}, as the CLI's {@code --pty-size} takes it.
     *
     * <pre>{@code
     * WinSize s = WinSize.parse("80x24");
     * }</pre>
     *
     * @param text e.g. {@code "80x24"}, not null
     * @return the size
     * @throws IllegalArgumentException if {@code text} is not two decimal numbers joined by {@code x}, or one is
     *     out of range
     */
    public static WinSize parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        int x = text.indexOf('x');
        try {
            if (x > 0 && x < text.length() - 1) {
                return new WinSize(Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the message that says what is expected
        }
        throw new IllegalArgumentException("a window size is COLSxROWS, such as 80x24; got '" + text + "'");
    }

    /**
     * The C layout: {@code ws_row}, {@code ws_col}, {@code ws_xpixel}, {@code ws_ypixel}, little-endian.
     *
     * @return {@link #SIZE} bytes
     */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) rows).putShort(2, (short) columns);
        return b.array();
    }

    /**
     * Reads the C layout.
     *
     * @param bytes at least {@link #SIZE} bytes of a {@code struct winsize}
     * @return the size (the pixel fields are dropped)
     */
    public static WinSize fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new WinSize(Short.toUnsignedInt(b.getShort(2)), Short.toUnsignedInt(b.getShort(0)));
    }

    @Override
    public String toString() {
        return columns + "x" + rows;
    }
}
