// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * Byte access to one address space.
 *
 * <p>Addresses are raw, as the kernel sees them. Accessing memory that is not mapped is undefined for native
 * backends (it may crash the JVM); the api only passes addresses of live allocations, which it checks first.
 *
 * @since 0.1
 */
public interface Memory {

    /**
     * Copies {@code len} bytes at {@code address} into {@code dst[off..off+len)}.
     *
     * @param address where to read
     * @param dst the destination
     * @param off the offset in {@code dst}
     * @param len the number of bytes
     */
    void read(long address, byte[] dst, int off, int len);

    /**
     * Copies {@code src[off..off+len)} to {@code address}.
     *
     * @param address where to write
     * @param src the source
     * @param off the offset in {@code src}
     * @param len the number of bytes
     */
    void write(long address, byte[] src, int off, int len);
}
