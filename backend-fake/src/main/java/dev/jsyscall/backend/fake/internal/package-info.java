// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the simulated kernel behind {@link dev.jsyscall.backend.fake.FakeKernel}. Not exported, not API,
 * may change at any time.
 */
package dev.jsyscall.backend.fake.internal;
