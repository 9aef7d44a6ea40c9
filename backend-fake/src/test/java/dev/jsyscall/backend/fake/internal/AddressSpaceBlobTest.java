// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The blob's page is shared by every exec'd address space until one writes to it. */
class AddressSpaceBlobTest {
    private static final byte[] MARKER = "jsyscall fake kernel".getBytes(StandardCharsets.US_ASCII);

    private static byte[] head(AddressSpace as) {
        byte[] b = new byte[MARKER.length];
        as.read(AddressSpace.BLOB_BASE, b, 0, b.length);
        return b;
    }

    @Test
    @DisplayName("a write to the blob of one exec'd address space is seen by it alone, and later execs map the marker")
    void writeToSharedBlobPageCopiesIt() {
        AddressSpace first = AddressSpace.forExec();
        AddressSpace second = AddressSpace.forExec();
        assertThat(first.mprotect(AddressSpace.BLOB_BASE, Linux.PAGE_SIZE,
                Linux.PROT_READ | Linux.PROT_WRITE)).isZero();

        first.write(AddressSpace.BLOB_BASE, new byte[] {'X', 'Y'}, 0, 2);

        assertThat(new String(head(first), StandardCharsets.US_ASCII)).isEqualTo("XYyscall fake kernel");
        assertThat(head(second)).isEqualTo(MARKER);
        assertThat(head(AddressSpace.forExec())).isEqualTo(MARKER);
        assertThat(head(first.fork())).startsWith('X', 'Y');
    }
}
