// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * {@code <linux/capability.h>} and the privilege options of {@code <linux/prctl.h>} and
 * {@code <linux/securebits.h>}: capability sets ({@code capget}/{@code capset}), the bounding and ambient sets,
 * securebits and the dumpable flag ({@link dev.jsyscall.linux.capability.Capabilities}).
 *
 * @since 0.2
 */
package dev.jsyscall.linux.capability;
