// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pom's two-step compilation did what it is for. */
class FfmProviderClassVersionTest {

    private static int majorVersion(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            assertThat(in).as("class file of %s", type).isNotNull();
            DataInputStream data = new DataInputStream(in);
            assertThat(data.readInt()).as("magic").isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }

    @Test
    @DisplayName("the provider class is compiled for Java 17 so that discovery can load it there")
    void providerIsJava17() throws IOException {
        assertThat(majorVersion(FfmProvider.class)).isEqualTo(61);
    }

    @Test
    @DisplayName("the rest of the module is compiled for Java 22")
    void restIsJava22() throws IOException {
        assertThat(majorVersion(FfmNativeAccess.class)).isEqualTo(66);
    }
}
