// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jsyscall run}'s containment options beside setpriv, unshare, nsenter and bwrap: each case runs one probe
 * through the tool and through jsyscall, and compares what the probe sees from inside (its credentials and
 * capabilities in /proc/self/status, which namespaces it shares with the test, the mounts it was given and what it
 * can read and write), then the exit status and who wrote on stderr. Every difference is either listed in its case
 * with the reason, or a failure; a listed one that no longer differs fails too, so the list stays true.
 */
class ContainmentDifferentialTest {

    /** The wrappers exit 1 on their own failures; jsyscall exits 125 as env(1) and timeout(1) (its help says so). */
    private static final String OWN_FAILURE = "util-linux and bwrap exit 1 when they fail themselves, jsyscall 125"
            + " as env(1) and timeout(1) do";

    /**
     * Printed by the probe: its status fields, its namespaces, its mounts and propagation, then the case's own
     * lines. Every line is "key: value"; a key printed twice keeps both values, in order.
     */
    private static final String PROBE = "grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):'"
            + " /proc/self/status; for n in user mnt uts ipc net pid cgroup; do echo \"ns.$n: $(readlink"
            + " /proc/self/ns/$n)\"; done; while read -r dev at type opts rest; do echo \"mount: $at $type $opts\";"
            + " done < /proc/self/mounts; echo \"propagation: shared $(grep -c ' shared:' /proc/self/mountinfo),"
            + " slave $(grep -c ' master:' /proc/self/mountinfo)\"; ";

    /** The namespaces of the test's JVM, which both the tools and jsyscall's JVM are started in. */
    private static Map<String, String> parentNamespaces;
    /** Whether the test's mounts propagate to peers, which bwrap's slave mounts then receive from. */
    private static boolean hostShares;
    /** A process in namespaces of its own (uts, ipc, net, mount), for --setns and nsenter -t. */
    private static Process target;
    private static Map<String, String> targetNamespaces;
    /** A directory outside /tmp (which the sandbox cases cover with a tmpfs), bound read-only into them. */
    private static Path source;
    /** A directory in the host's /tmp, which a bind from there finds. */
    private static final String MARKER = "containment-differential-marker";

    record Case(String name, String tool, List<String> reference, List<String> jsyscall, String probe,
                Set<String> mountPoints, Map<String, String> explained) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A successful case: PROBE then {@code extra}, through {@code reference}'s tool and jsyscall run's options. */
    private static Case probing(String name, List<String> reference, List<String> options, String extra,
                                Set<String> mountPoints, Map<String, String> explained) {
        List<String> cli = new ArrayList<>(List.of("run"));
        cli.addAll(options);
        cli.add("--");
        List<String> ref = new ArrayList<>(reference);
        for (List<String> l : List.of(ref, cli)) {
            l.addAll(List.of("/bin/sh", "-c", PROBE + extra));
        }
        return new Case(name, reference.get(0), ref, cli, PROBE + extra, mountPoints, explained);
    }

    /** A refusal: the tool and jsyscall must both refuse before the program runs. */
    private static Case refusing(String name, List<String> reference, List<String> options) {
        List<String> cli = new ArrayList<>(List.of("run"));
        cli.addAll(options);
        cli.addAll(List.of("--", "/bin/echo", "ran"));
        List<String> ref = new ArrayList<>(reference);
        ref.addAll(List.of("/bin/echo", "ran"));
        return new Case(name, reference.get(0), ref, cli, "", Set.of(), Map.of("exit", OWN_FAILURE));
    }

    static Stream<Case> cases() {
        String pid = target == null ? "1" : String.valueOf(target.pid());
        // no /dev/null: bwrap's --bind / / is nodev, so the probe could not open it
        String readable = "echo \"read: $(cat /mnt/f 2>&1)\"; echo \"write /mnt: $( (echo x > /mnt/new) 2>&1 | sed"
                + " 's/.*: //')\"; echo \"tmp entries: $(ls -A /tmp | wc -l)\"";
        String bwrapRoot = "bwrap binds / to / and then the options on it, in a new root; jsyscall changes the"
                + " mounts in place";
        Map<String, String> bwrapDefaults = new TreeMap<>(Map.of("NoNewPrivs", "bwrap always sets no-new-privs;"
                + " jsyscall only with --no-new-privs"));
        if (hostShares) {
            bwrapDefaults.put("propagation", "bwrap makes the new root's mounts slaves of the host's shared ones;"
                    + " jsyscall, as unshare -m, makes them private");
        }
        return Stream.of(
            probing("groups, gid and uid", List.of("setpriv", "--groups", "5,6", "--regid", "7", "--reuid", "1000"),
                    List.of("--groups", "5,6", "--gid", "7", "--uid", "1000"), "", Set.of(), Map.of()),
            probing("no new privileges", List.of("setpriv", "--no-new-privs"), List.of("--no-new-privs"), "",
                    Set.of(), Map.of()),
            probing("a capability set as root", List.of("setpriv", "--bounding-set", "-all,+net_bind_service",
                    "--inh-caps", "-all,+net_bind_service", "--ambient-caps", "-all,+net_bind_service"),
                    List.of("--caps", "-all,+net_bind_service"), "", Set.of(), Map.of()),
            probing("an ambient capability kept across a uid change", List.of("setpriv", "--reuid", "1000",
                    "--inh-caps", "-all,+net_bind_service", "--ambient-caps", "-all,+net_bind_service"),
                    List.of("--keep-caps", "--uid", "1000", "--caps", "-all,+net_bind_service"), "", Set.of(),
                    Map.of("CapBnd", "jsyscall's --caps limits the bounding set too (its help says so); setpriv"
                            + " leaves it unless --bounding-set is given")),
            probing("a user namespace mapping root", List.of("unshare", "--user", "--map-root-user"),
                    List.of("--unshare", "user"), "", Set.of(), Map.of()),
            probing("new mount, uts, ipc and net namespaces", List.of("unshare", "--mount", "--uts", "--ipc",
                    "--net"), List.of("--unshare", "mount,uts,ipc,net"), "hostname sandbox; echo \"hostname:"
                    + " $(hostname)\"; echo \"net devices: $(tail -n +3 /proc/net/dev | wc -l)\"", Set.of(), Map.of()),
            probing("a sandbox of tmpfs, read-only bind and proc", List.of("bwrap", "--bind", "/", "/", "--tmpfs",
                    "/tmp", "--ro-bind", source.toString(), "/mnt", "--proc", "/proc"),
                    // jsyscall's steps run in order (bwrap reads every source from the host's root): the bind
                    // goes first, since the source may lie under /tmp (a build in /tmp, as CI's clone is)
                    List.of("--unshare", "mount", "--ro-bind", source + ":/mnt", "--tmpfs", "/tmp", "--proc",
                            "/proc"), readable, Set.of("/tmp", "/mnt", "/proc"),
                    with(bwrapDefaults, "mount", bwrapRoot + "; jsyscall's --proc is noexec as well (as"
                            + " systemd and docker mount it), and bwrap remounts /proc/sys, /proc/irq... read-only")),
            probing("a bind source under an earlier tmpfs", List.of("bwrap", "--bind", "/", "/", "--tmpfs", "/tmp",
                    "--ro-bind", "/tmp", "/mnt"), List.of("--unshare", "mount", "--tmpfs", "/tmp", "--ro-bind",
                    "/tmp:/mnt"), "echo \"sees the host's /tmp: $(test -e /mnt/" + MARKER + " && echo yes || echo"
                    + " no)\"", Set.of(),
                    with(bwrapDefaults, "sees the host's /tmp", bwrapRoot + ", so its sources are always the"
                            + " host's paths; jsyscall's are looked up when the step runs, after the mounts before"
                            + " it")),
            probing("joining another process's namespaces", List.of("nsenter", "-t", pid, "--uts", "--ipc",
                    "--net", "--mount"), List.of("--setns", pid + ":uts,ipc,net,mount"), "echo \"hostname:"
                    + " $(hostname)\"", Set.of(), Map.of()),
            refusing("a uid that is not a number", List.of("setpriv", "--reuid", "nosuchuser"),
                    List.of("--uid", "nosuchuser")),
            refusing("a bind of a missing path", List.of("bwrap", "--bind", "/", "/", "--bind", "/nonexistent",
                    "/mnt"), List.of("--unshare", "mount", "--bind", "/nonexistent:/mnt")),
            refusing("joining a process that does not exist", List.of("nsenter", "-t", "2147483647", "--uts"),
                    List.of("--setns", "2147483647:uts")));
    }

    /** {@code explained} and one more entry. */
    private static Map<String, String> with(Map<String, String> explained, String key, String reason) {
        Map<String, String> all = new TreeMap<>(explained);
        all.put(key, reason);
        return all;
    }

    @BeforeAll
    static void start() throws Exception {
        // on a host whose mounts are shared (systemd's default) bwrap's slaves show; where they are private, not
        hostShares = Files.readString(Path.of("/proc/self/mountinfo")).contains(" shared:");
        parentNamespaces = namespaces(Path.of("/proc/self/ns"));
        source = Files.createDirectories(Path.of("target", "containment-differential").toAbsolutePath());
        Files.writeString(source.resolve("f"), "from the host\n");
        Files.createDirectories(Path.of("/tmp", MARKER));
        if (onPath("unshare")) {
            target = new ProcessBuilder("unshare", "--uts", "--ipc", "--net", "--mount", "--", "sleep", "120")
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // unshare execs sleep in the same process once its namespaces are made: wait until they are
            while (target.isAlive() && System.nanoTime() < deadline) {
                Map<String, String> ns = namespaces(Path.of("/proc", String.valueOf(target.pid()), "ns"));
                if (!ns.get("uts").equals(parentNamespaces.get("uts"))) {
                    targetNamespaces = ns;
                    break;
                }
                Thread.sleep(20);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (target != null) {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(Path.of("/tmp", MARKER));
    }

    private static Map<String, String> namespaces(Path dir) throws IOException {
        Map<String, String> ns = new TreeMap<>();
        for (String kind : List.of("user", "mnt", "uts", "ipc", "net", "pid", "cgroup")) {
            try {
                ns.put(kind, Files.readSymbolicLink(dir.resolve(kind)).toString());
            } catch (IOException e) {
                ns.put(kind, "(unreadable: " + e + ")");
            }
        }
        return ns;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the program sees the same from inside under jsyscall as under the tool, but for the listed reasons")
    void sameFromInside(Case c) throws Exception {
        Assumptions.assumeThat(onPath(c.tool())).as("%s is not installed here (util-linux; bwrap is Debian's"
                + " bubblewrap, which .ci/run installs)", c.tool()).isTrue();
        if (c.tool().equals("nsenter")) {
            Assumptions.assumeThat(targetNamespaces).as("unshare could not start a process in namespaces of its own"
                    + " (needs CAP_SYS_ADMIN), so there is nothing to join").isNotNull();
        }
        JsyscallCliTest.Result ref = DifferentialTest.tool(c.reference());
        if (c.tool().equals("bwrap") || c.tool().equals("unshare")) {
            // where the kernel or a container forbids namespaces, the tool says so: not something jsyscall can match
            Assumptions.assumeThat(ref.err()).as("%s cannot make namespaces here", c.tool())
                    .doesNotContain("Operation not permitted").doesNotContain("No permissions");
        }
        JsyscallCliTest.Result js = JsyscallCliTest.cli(c.jsyscall().toArray(new String[0]));
        Map<String, String> expected = observe(c, ref);
        Map<String, String> seen = observe(c, js);
        Set<String> differing = new TreeSet<>();
        for (String key : union(expected.keySet(), seen.keySet())) {
            if (!String.valueOf(expected.get(key)).equals(String.valueOf(seen.get(key)))) {
                differing.add(key);
            }
        }
        List<String> failures = new ArrayList<>();
        for (String key : differing) {
            if (!c.explained().containsKey(key)) {
                failures.add("unexplained: " + key + ": " + c.tool() + " gives '" + expected.get(key)
                        + "', jsyscall '" + seen.get(key) + "'");
            }
        }
        for (String key : c.explained().keySet()) {
            if (!differing.contains(key)) {
                failures.add("stale: " + key + " is listed as differing (" + c.explained().get(key) + ") but both"
                        + " give '" + seen.get(key) + "': remove it from the case");
            }
        }
        assertThat(failures).as("%s\n  %s -> %s\n  stderr: %s\n  jsyscall %s -> %s\n  stderr: %s", c.name(),
                c.reference(), expected, ref.err(), c.jsyscall(), seen, js.err()).isEmpty();
        if (!c.probe().isEmpty()) {
            // a case whose tool changes nothing the probe sees would compare two unconfined runs
            Map<String, String> plain = observe(c, DifferentialTest.tool(List.of("/bin/sh", "-c", c.probe())));
            assertThat(expected).as("what the probe sees under %s and without it", c.reference())
                    .isNotEqualTo(plain);
        }
        // a case where the probe did not run would compare nothing
        assertThat(seen.get("ran")).as("jsyscall's stderr: %s", js.err())
                .isEqualTo(c.probe().isEmpty() ? "no" : "yes");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * What a run shows: the probe's lines (namespaces as parent, target or new; mounts only at the case's mount
     * points, with the options that change what a program may do), its exit status and who wrote on stderr.
     */
    private static Map<String, String> observe(Case c, JsyscallCliTest.Result r) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("exit", String.valueOf(r.exit()));
        String err = r.err().strip();
        o.put("stderr", err.isEmpty() ? "none" : err.startsWith("jsyscall: ") || err.startsWith(c.tool() + ": ")
                ? "the wrapper's" : "the program's");
        boolean ran = c.probe().isEmpty() ? r.out().contains("ran") : r.out().contains("Uid:");
        o.put("ran", ran ? "yes" : "no");
        for (String line : r.out().lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
            if (key.startsWith("ns.")) {
                String kind = key.substring(3);
                value = value.equals(parentNamespaces.get(kind)) ? "parent's"
                        : targetNamespaces != null && value.equals(targetNamespaces.get(kind)) ? "target's" : "new";
            } else if (key.equals("mount")) {
                value = mount(value, c.mountPoints());
                if (value == null) {
                    continue;
                }
            }
            o.merge(key, value, (a, b) -> a + " | " + b);
        }
        return o;
    }

    /** "AT TYPE FLAGS" of a mount at or below one of {@code points}, or null; FLAGS only ro/rw and the no*'s. */
    private static String mount(String line, Set<String> points) {
        String[] f = line.split(" ");
        boolean watched = false;
        for (String p : points) {
            watched |= f[0].equals(p) || f[0].startsWith(p + "/");
        }
        if (!watched) {
            return null;
        }
        List<String> flags = new ArrayList<>();
        for (String opt : f[2].split(",")) {
            if (Set.of("ro", "rw", "nosuid", "nodev", "noexec").contains(opt)) {
                flags.add(opt);
            }
        }
        return f[0] + " " + f[1] + " " + String.join(",", flags);
    }
}
