// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import java.util.Locale;

/**
 * The CPU architectures jsyscall knows: their syscall numbers ({@link Syscall}) and struct layouts.
 *
 * @since 0.1
 */
public enum Arch {
    /** 64-bit x86 (amd64). */
    X86_64("x86_64"),
    /** 64-bit ARM (arm64). */
    AARCH64("aarch64");

    private final String uname;

    Arch(String uname) {
        this.uname = uname;
    }

    /**
     * The name {@code uname -m} prints.
     *
     * @return {@code "x86_64"} or {@code "aarch64"}
     */
    public String uname() {
        return uname;
    }

    /**
     * The architecture this JVM runs on.
     *
     * @return the architecture
     * @throws UnsupportedOperationException naming {@code os.arch} if it is neither x86_64 nor aarch64
     */
    public static Arch current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                throw new UnsupportedOperationException(
                        "jsyscall supports x86_64 and aarch64 Linux; this JVM reports os.arch=" + arch);
        }
    }
}
