// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM (bom/pom.xml) has no parent, no scopes, and manages exactly the published modules.
 *
 * <p>Published modules are every {@code <module>} of the root pom, including those only listed in a profile
 * (backend-ffm is built on JDK 22+ only, but still published), except:
 * <ul>
 *   <li>{@code bom}: the BOM itself;</li>
 *   <li>{@code benchmarks}: JMH harness, not deployed (DESIGN.md, layout);</li>
 *   <li>any module whose pom sets the property {@code maven.deploy.skip} to {@code true}.</li>
 * </ul>
 * Paths are relative to the api module, surefire's working directory.
 */
class BomTest {
    private static final Set<String> NOT_PUBLISHED = Set.of("bom", "benchmarks");

    private final Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

    private static Element parse(Path pom) throws Exception {
        assertThat(pom).isRegularFile();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        assertThat(c).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return c.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }

    /** Modules of the root pom, top-level and in profiles, in declaration order. */
    private Set<String> rootModules() throws Exception {
        Element project = parse(root.resolve("pom.xml"));
        Set<String> modules = new LinkedHashSet<>();
        for (Element list : children(project, "modules")) {
            children(list, "module").forEach(m -> modules.add(m.getTextContent().trim()));
        }
        for (Element profiles : children(project, "profiles")) {
            for (Element profile : children(profiles, "profile")) {
                for (Element list : children(profile, "modules")) {
                    children(list, "module").forEach(m -> modules.add(m.getTextContent().trim()));
                }
            }
        }
        return modules;
    }

    private static boolean deploySkipped(Element project) {
        for (Element props : children(project, "properties")) {
            for (Element skip : children(props, "maven.deploy.skip")) {
                if (skip.getTextContent().trim().equals("true")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** groupId:artifactId of each published module. */
    private Set<String> publishedArtifacts() throws Exception {
        Set<String> out = new java.util.TreeSet<>();
        for (String module : rootModules()) {
            if (NOT_PUBLISHED.contains(module)) {
                continue;
            }
            Element project = parse(root.resolve(module).resolve("pom.xml"));
            if (deploySkipped(project)) {
                continue;
            }
            String group = children(project, "groupId").isEmpty() ? text(child(project, "parent"), "groupId")
                    : text(project, "groupId");
            out.add(group + ":" + text(project, "artifactId"));
        }
        return out;
    }

    @Test
    @DisplayName("the modules excluded by name exist, so the rule cannot silently go stale")
    void exclusionsExist() throws Exception {
        assertThat(rootModules()).containsAll(NOT_PUBLISHED).contains("api", "backend-ffm");
    }

    @Test
    @DisplayName("the bom has no parent, no scope anywhere, and the root pom's coordinates")
    void shape() throws Exception {
        Element bom = parse(root.resolve("bom").resolve("pom.xml"));
        Element parent = parse(root.resolve("pom.xml"));
        assertThat(children(bom, "parent")).isEmpty();
        assertThat(bom.getElementsByTagName("scope").getLength()).isZero();
        assertThat(text(bom, "packaging")).isEqualTo("pom");
        assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
        assertThat(text(bom, "artifactId")).isEqualTo("jsyscall-bom");
        assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
        assertThat(children(bom, "dependencies")).as("a bom only manages versions").isEmpty();
    }

    @Test
    @DisplayName("the bom manages exactly the published modules, each once, at the project version")
    void listsPublishedModules() throws Exception {
        Element bom = parse(root.resolve("bom").resolve("pom.xml"));
        String version = text(bom, "version");
        Map<String, String> managed = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (Element dep : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            String coordinates = text(dep, "groupId") + ":" + text(dep, "artifactId");
            seen.add(coordinates);
            managed.put(coordinates, text(dep, "version"));
            assertThat(children(dep, "type")).as("%s: a plain jar", coordinates).isEmpty();
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(managed.keySet()).isEqualTo(publishedArtifacts());
        assertThat(managed.values()).containsOnly(version);
        assertThat(managed).containsKeys("dev.jsyscall:jsyscall-api", "dev.jsyscall:jsyscall-backend-ffm")
                .doesNotContainKeys("dev.jsyscall:jsyscall-benchmarks", "dev.jsyscall:jsyscall-bom");
    }
}
