// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jsyscall.spi.SyscallBackendProvider;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Enumeration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the test class path, where src/test/resources/META-INF/services lists a provider whose constructor
 * throws, a class that does not exist, and a working provider, in that order.
 */
class BackendsDiscoveryTest {
    private static final String SERVICE =
            "java.util.ServiceConfigurationError: dev.jsyscall.spi.SyscallBackendProvider: ";

    @Test
    @DisplayName("discover finds the working provider and reports both broken ones, with the constructor's exception")
    void survivesBrokenProviders() {
        Backends.Discovery d = Backends.discover();
        assertThat(d.providers()).singleElement().isInstanceOf(TestProviders.Working.class);
        // ServiceLoader reports both as ServiceConfigurationError thrown by next(): "could not be instantiated"
        // with the constructor's exception as cause, and "not found" for the missing class
        assertThat(d.failures()).containsExactly(
                "a provider failed to load: " + SERVICE + "Provider dev.jsyscall.TestProviders$Throwing could not be"
                        + " instantiated (caused by java.lang.IllegalStateException: libexample.so: cannot open"
                        + " shared object file)",
                "a provider failed to load: " + SERVICE + "Provider dev.jsyscall.TestProviders$Missing not found");
    }

    @Test
    @DisplayName("select with nothing requested picks the working discovered provider")
    void selectAfterDiscovery() {
        assertThat(Backends.select(null, Backends.discover()).id()).isEqualTo("working-stub");
        assertThat(Backends.report(Backends.discover())).containsOnlyKeys("working-stub");
    }

    @Test
    @DisplayName("discover ends when ServiceLoader fails the same way on every call instead of looping forever")
    void loaderThatMakesNoProgress() {
        // ServiceLoader's documented caveat: after an error it only tries to recover. If listing the configuration
        // files fails, every later hasNext/next fails identically.
        ClassLoader broken = new ClassLoader(BackendsDiscoveryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        Backends.Discovery d = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Backends.discover(ServiceLoader.load(SyscallBackendProvider.class, broken)));
        assertThat(d.providers()).isEmpty();
        assertThat(d.failures()).containsExactly("a provider failed to load: " + SERVICE
                + "Error locating configuration files (caused by java.io.IOException: disk on fire)");
    }
}
