// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import java.nio.charset.StandardCharsets;

/**
 * C strings for syscall arguments: UTF-8 plus a terminating NUL, refusing a NUL inside (C would cut the string
 * there, so the kernel would see another path than the one asked for).
 *
 * @since 0.2
 */
public final class CString {
    private CString() {
    }

    /**
     * The bytes of {@code s} and a NUL.
     *
     * @param what names the argument in the error, e.g. "path"
     * @param s the string
     * @return the UTF-8 bytes and a NUL
     * @throws IllegalArgumentException if {@code s} contains a NUL character
     */
    public static byte[] of(String s, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException(what + " must not contain a NUL character: " + s.replace("\0",
                        "\\0"));
            }
        }
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }
}
