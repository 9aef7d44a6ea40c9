// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * cgroup v2 ({@code Documentation/admin-guide/cgroup-v2.rst}): the file names and values of its interface and the
 * syscalls jsyscall makes on them, each defined once. Layer rule: values only; depends on no jsyscall package but
 * {@code linux}, {@code near} and {@code struct} (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.cgroup;
