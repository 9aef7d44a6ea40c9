// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering rules see every published class, those of Multi-Release jars included. */
class ImportCoverageTest {
    @Test
    @DisplayName("the classes the rules check include ffm's release-22 classes, not only its release-17 provider")
    void ffmIsImportedWhole() {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(new MultiReleaseLocations().get(LayeringTest.class));
        assertThat(imported.stream().map(JavaClass::getName).collect(Collectors.toList()))
                .contains("dev.jsyscall.backend.ffm.FfmProvider", "dev.jsyscall.backend.ffm.FfmNativeAccess");
    }
}
