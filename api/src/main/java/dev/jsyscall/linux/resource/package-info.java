// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Resource limits and priorities ({@code <sys/resource.h>}): {@code RLIMIT_*}, {@code struct rlimit}, {@code PRIO_*}. Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.resource;
