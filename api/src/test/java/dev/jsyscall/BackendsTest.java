// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each nested test is one row of the resolution table in {@link Backends}' Javadoc. */
class BackendsTest {
    private static final String REQUESTED_BY = "(requested by jsyscall.backend/JSYSCALL_BACKEND)";
    private static final String ADD_REAL = "Add jsyscall-backend-ffm (Java 22+) or jsyscall-backend-jnr (Java 17+)";

    private static Backends.Discovery found(SyscallBackendProvider... providers) {
        return new Backends.Discovery(List.of(providers), List.of());
    }

    private final IOException dlopenFailure = new IOException("libc.so.6: cannot open shared object file");
    private final StubProvider ffm = StubProvider.unavailable("ffm", 100, "needs Java 22+ (running 17)", null);
    private final StubProvider jnr = StubProvider.unavailable("jnr", 50, "failed to load libc", dlopenFailure);
    private final StubProvider fake = StubProvider.onlyWhenRequested("fake", 0);

    @Nested
    @DisplayName("with a backend requested by id")
    class Requested {
        @Test
        @DisplayName("an available provider with that id is chosen, the fake included")
        void availableChosen() {
            StubProvider other = StubProvider.available("jnr", 50);
            assertThat(Backends.select("fake", found(other, fake))).isSameAs(fake);
            assertThat(Backends.select("jnr", found(fake, other))).isSameAs(other);
        }

        @Test
        @DisplayName("the requested id wins over a higher-priority available provider")
        void requestBeatsPriority() {
            StubProvider low = StubProvider.available("low", 1);
            StubProvider high = StubProvider.available("high", 1000);
            assertThat(Backends.select("low", found(high, low))).isSameAs(low);
        }

        @Test
        @DisplayName("only the provider with that id is probed")
        void othersNotProbed() {
            Probed wanted = new Probed(StubProvider.available("jnr", 50));
            Probed other = new Probed(StubProvider.available("ffm", 100));
            assertThat(Backends.select("jnr", found(other, wanted))).isSameAs(wanted);
            assertThat(other.probes).isZero();
        }

        @Test
        @DisplayName("an unavailable provider with that id is an error with its reason and cause")
        void unavailableIsError() {
            assertThatThrownBy(() -> Backends.select("jnr", found(ffm, jnr, fake)))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("The jsyscall backend 'jnr' " + REQUESTED_BY + " is unavailable: failed to load libc.")
                    .hasCause(dlopenFailure);
        }

        @Test
        @DisplayName("an unavailable provider without a cause gives an error without one")
        void unavailableWithoutCause() {
            assertThatThrownBy(() -> Backends.select("ffm", found(ffm)))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("The jsyscall backend 'ffm' " + REQUESTED_BY
                            + " is unavailable: needs Java 22+ (running 17).")
                    .hasNoCause();
        }

        @Test
        @DisplayName("no provider with that id is an error listing what was found and the artifact to add")
        void unknownId() {
            Backends.Discovery d = new Backends.Discovery(List.of(ffm, jnr, fake, StubProvider.available("x", 3)),
                    List.of("a provider failed to load: boom"));
            assertThatThrownBy(() -> Backends.select("mine", d))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend with id 'mine' " + REQUESTED_BY + "; found: 'ffm' needs Java"
                            + " 22+ (running 17), 'jnr' failed to load libc, 'fake' is only used when requested"
                            + " (-Djsyscall.backend=fake), 'x' is available,"
                            + " a provider failed to load: boom. Add jsyscall-backend-mine to the class path or module"
                            + " path, or request one of the ids found.")
                    .hasNoCause();
        }

        @Test
        @DisplayName("no provider at all: the error says nothing was found")
        void unknownIdNothingFound() {
            assertThatThrownBy(() -> Backends.select("jnr", found()))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend with id 'jnr' " + REQUESTED_BY + "; found: nothing. Add"
                            + " jsyscall-backend-jnr to the class path or module path, or request one of the ids"
                            + " found.");
        }
    }

    @Nested
    @DisplayName("with no backend requested")
    class Unrequested {
        @Test
        @DisplayName("the highest-priority available provider is chosen")
        void highestPriority() {
            StubProvider a = StubProvider.available("a", 10);
            StubProvider b = StubProvider.available("b", 50);
            StubProvider c = StubProvider.available("c", 20);
            assertThat(Backends.select(null, found(a, b, c))).isSameAs(b);
            assertThat(Backends.select(null, found(c, b, a))).isSameAs(b);
        }

        @Test
        @DisplayName("equal priorities are tie-broken by the smallest id, whatever the discovery order")
        void tieBrokenBySmallestId() {
            StubProvider zeta = StubProvider.available("zeta", 50);
            StubProvider alpha = StubProvider.available("alpha", 50);
            StubProvider mid = StubProvider.available("mid", 50);
            assertThat(Backends.select(null, found(zeta, alpha, mid))).isSameAs(alpha);
            assertThat(Backends.select(null, found(mid, zeta, alpha))).isSameAs(alpha);
        }

        @Test
        @DisplayName("providers below the highest-priority available one are not probed")
        void lowerPrioritiesNotProbed() {
            Probed high = new Probed(StubProvider.available("high", 100));
            Probed low = new Probed(StubProvider.available("low", 50));
            Probed down = new Probed(StubProvider.unavailable("down", 200, "broken", null));
            assertThat(Backends.select(null, found(low, high, down))).isSameAs(high);
            assertThat(down.probes).isEqualTo(1);
            assertThat(low.probes).isZero();
        }

        @Test
        @DisplayName("unavailable and only-when-requested providers are passed over, whatever their priority")
        void skipsUnselectable() {
            StubProvider jnrOk = StubProvider.available("jnr", 50);
            StubProvider eager = StubProvider.onlyWhenRequested("eager", 1000);
            assertThat(Backends.select(null, found(ffm, eager, fake, jnrOk))).isSameAs(jnrOk);
        }

        @Test
        @DisplayName("providers but none available and selectable: each candidate and why it was not chosen")
        void noneSelectable() {
            assertThatThrownBy(() -> Backends.select(null, found(ffm, jnr, fake)))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend is available: 'ffm' needs Java 22+ (running 17), 'jnr' failed"
                            + " to load libc, 'fake' is only used when requested (-Djsyscall.backend=fake). "
                            + ADD_REAL + ", or set -Djsyscall.backend=<id>.")
                    .hasNoCause();
        }

        @Test
        @DisplayName("only the fake found: it is not chosen, and the error says how to ask for it")
        void onlyFake() {
            assertThatThrownBy(() -> Backends.select(null, found(fake)))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend is available: 'fake' is only used when requested"
                            + " (-Djsyscall.backend=fake). " + ADD_REAL + ", or set -Djsyscall.backend=<id>.");
        }

        @Test
        @DisplayName("nothing found: the error says what to add")
        void nothingFound() {
            assertThatThrownBy(() -> Backends.select(null, found()))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend found. " + ADD_REAL + " to the class path or module path.");
        }

        @Test
        @DisplayName("only broken providers: the error names their load failures and what to add")
        void onlyBroken() {
            Backends.Discovery d = new Backends.Discovery(List.of(),
                    List.of("a provider failed to load: one", "a provider failed to load: two"));
            assertThatThrownBy(() -> Backends.select(null, d))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("No jsyscall backend found (a provider failed to load: one; a provider failed to"
                            + " load: two). " + ADD_REAL + " to the class path or module path.");
        }
    }

    /** A stub that counts the probes of its availability: a probe of a native provider loads its native layer. */
    private static final class Probed extends StubProvider {
        int probes;

        Probed(StubProvider stub) {
            super(stub.id(), stub.priority(), stub.availability(), stub.selectableByDefault());
        }

        @Override
        public dev.jsyscall.spi.Availability availability() {
            probes++;
            return super.availability();
        }
    }

    @Test
    @DisplayName("select refuses a null discovery")
    void nullDiscovery() {
        assertThatThrownBy(() -> Backends.select(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("discovery");
    }

    @Test
    @DisplayName("discovery results are immutable copies")
    void discoveryCopies() {
        List<SyscallBackendProvider> providers = new java.util.ArrayList<>(List.of(fake));
        Backends.Discovery d = new Backends.Discovery(providers, List.of());
        providers.clear();
        assertThat(d.providers()).containsExactly(fake);
        assertThatThrownBy(() -> d.failures().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Nested
    @DisplayName("requestedId")
    class RequestedId {
        @Test
        @DisplayName("the system property wins over the environment")
        void propertyWins() {
            assertThat(Backends.requestedId("jnr", "ffm")).isEqualTo("jnr");
        }

        @Test
        @DisplayName("the environment is used when the property is unset or blank")
        void environmentFallback() {
            assertThat(Backends.requestedId(null, "ffm")).isEqualTo("ffm");
            assertThat(Backends.requestedId("", "ffm")).isEqualTo("ffm");
            assertThat(Backends.requestedId(" \t", "ffm")).isEqualTo("ffm");
        }

        @Test
        @DisplayName("neither set, or both blank, means no request")
        void none() {
            assertThat(Backends.requestedId(null, null)).isNull();
            assertThat(Backends.requestedId("  ", "")).isNull();
            assertThat(Backends.requestedId("", " ")).isNull();
        }

        @Test
        @DisplayName("values are trimmed and folded to lower case independently of the default locale")
        void folded() {
            assertThat(Backends.requestedId("  FFM ", null)).isEqualTo("ffm");
            assertThat(Backends.requestedId(null, " Fake\n")).isEqualTo("fake");
            // Locale.ROOT: a Turkish default locale would make "I" a dotless ı
            java.util.Locale before = java.util.Locale.getDefault();
            try {
                java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
                assertThat(Backends.requestedId("JNI", null)).isEqualTo("jni");
            } finally {
                java.util.Locale.setDefault(before);
            }
        }

        @Test
        @DisplayName("the public requestedId reads the property jsyscall.backend")
        void readsProperty() {
            String before = System.getProperty(Backends.PROPERTY);
            try {
                System.setProperty(Backends.PROPERTY, " Fake ");
                assertThat(Backends.requestedId()).isEqualTo("fake");
            } finally {
                if (before == null) {
                    System.clearProperty(Backends.PROPERTY);
                } else {
                    System.setProperty(Backends.PROPERTY, before);
                }
            }
        }
    }

    @Test
    @DisplayName("report lists every provider in discovery order with its availability")
    void report() {
        StubProvider jnrOk = StubProvider.available("jnr", 50);
        assertThat(Backends.report(found(ffm, jnrOk, fake))).containsExactly(
                entry("ffm", "unavailable: needs Java 22+ (running 17)"),
                entry("jnr", "available (priority 50)"),
                entry("fake", "available (priority 0, only when requested)"));
        assertThat(Backends.report(found())).isEmpty();
    }

    @Test
    @DisplayName("the property and environment names are the documented ones")
    void names() {
        assertThat(Backends.PROPERTY).isEqualTo("jsyscall.backend");
        assertThat(Backends.ENVIRONMENT).isEqualTo("JSYSCALL_BACKEND");
    }
}
