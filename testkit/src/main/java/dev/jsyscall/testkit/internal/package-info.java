// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Not API: helpers of the kit's own rules and of jsyscall's backend tests (starting another JVM). Not exported; it
 * may change in any release.
 */
package dev.jsyscall.testkit.internal;
