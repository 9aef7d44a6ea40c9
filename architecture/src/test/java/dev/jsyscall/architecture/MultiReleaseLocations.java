// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.junit.LocationProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The jsyscall classes as ArchUnit should see them: its package scan reads a jar's base entries only, and the ffm
 * jar is Multi-Release, with every class but FfmProvider under {@code META-INF/versions/22}. Without these
 * locations the ffm rules would check FfmProvider alone (ImportCoverageTest holds them to it).
 */
final class MultiReleaseLocations implements LocationProvider {
    static final String ROOT = "dev/jsyscall";

    @Override
    public Set<Location> get(Class<?> testClass) {
        Set<Location> all = new LinkedHashSet<>(Locations.ofPackage("dev.jsyscall"));
        for (Location base : Locations.ofPackage("dev.jsyscall")) {
            URI uri = base.asURI();
            if (!"jar".equals(uri.getScheme())) {
                continue;
            }
            String spec = uri.toString();
            String jar = spec.substring("jar:".length(), spec.indexOf("!/"));
            all.addAll(versionedRoots(jar).stream()
                    .map(root -> Location.of(URI.create("jar:" + jar + "!/" + root)))
                    .collect(Collectors.toList()));
        }
        return Collections.unmodifiableSet(all);
    }

    private static Set<String> versionedRoots(String jarUri) {
        try (JarFile jar = new JarFile(Paths.get(URI.create(jarUri)).toFile())) {
            return jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("META-INF/versions/") && name.contains("/" + ROOT + "/"))
                    .map(name -> name.substring(0, name.indexOf("/" + ROOT + "/") + ROOT.length() + 1))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
