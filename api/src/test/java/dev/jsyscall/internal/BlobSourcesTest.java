// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Arch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bytes embedded in {@link BlobCode} are exactly what the checked-in assembly sources produce, so nobody can
 * edit one without the other (regenerate with {@code python3 api/src/main/gen/gen_blob.py}).
 */
class BlobSourcesTest {

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_REL = 9;

    @ParameterizedTest
    @EnumSource(Arch.class)
    @DisplayName("the embedded blob equals the reassembled source, with the same entry offsets and no relocations")
    void embeddedBytesMatchSource(Arch arch, @TempDir Path tmp) throws IOException, InterruptedException {
        String prefix = arch.uname() + "-linux-gnu-";
        String purpose = "assemble " + arch + " blob.S (Debian package binutils-"
                + arch.uname().replace('_', '-') + "-linux-gnu)";
        // The host's plain `as` targets the host only; another arch needs its cross assembler.
        Path as = arch == hostArch()
                ? Tools.require(purpose, prefix + "as", "as")
                : Tools.require(purpose, prefix + "as");
        Path source = Tools.moduleDir().resolve("src/main/asm/" + arch.uname() + "/blob.S");
        assertThat(source).isRegularFile();
        Path object = tmp.resolve("blob.o");

        Tools.Result result = Tools.run(60, List.of(as.toString(), "-o", object.toString(), source.toString()));
        assertThat(result.exitCode()).as("%s failed:%n%s", as, result.output()).isZero();

        Elf elf = new Elf(Files.readAllBytes(object));
        assertThat(elf.machine()).as("e_machine").isEqualTo(arch == Arch.X86_64 ? 62 : 183);
        assertThat(elf.sectionsOfType(SHT_RELA)).as("relocation sections (the blob must be position independent)")
                .isEmpty();
        assertThat(elf.sectionsOfType(SHT_REL)).as("relocation sections").isEmpty();
        for (String data : List.of(".data", ".bss", ".rodata")) {
            assertThat(elf.sectionSize(data)).as("bytes in %s (constants belong on the stack)", data).isZero();
        }

        Blob blob = Blob.forArch(arch);
        // compared as hex so a mismatch shows readable machine code, not two arrays of signed bytes
        assertThat(HexFormat.of().formatHex(blob.code()))
                .as("BlobCode is stale: run python3 api/src/main/gen/gen_blob.py")
                .isEqualTo(HexFormat.of().formatHex(elf.sectionBytes(".text")));
        Map<String, Long> symbols = elf.textSymbols();
        assertThat(symbols).as("entry offsets in BlobCode vs symbols of the assembled source")
                .containsEntry("jsys_raw_syscall", (long) blob.rawSyscallOffset())
                .containsEntry("jsys_raw_syscall5", (long) blob.rawSyscall5Offset())
                .containsEntry("jsys_clone", (long) blob.cloneOffset())
                .containsEntry("jsys_clone3", (long) blob.clone3Offset())
                .containsEntry("jsys_server", (long) blob.serverOffset());
    }

    private static Arch hostArch() {
        try {
            return Arch.current();
        } catch (UnsupportedOperationException e) {
            return null; // neither blob can use the plain `as` then
        }
    }

    /** Just enough ELF64 little-endian reading for a relocatable object: sections and the symbol table. */
    private static final class Elf {
        private final ByteBuffer buf;
        private final int shoff;
        private final int shentsize;
        private final int shnum;
        private final int shstrndx;

        Elf(byte[] bytes) {
            buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(buf.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
            assertThat(bytes[4]).as("ELFCLASS64").isEqualTo((byte) 2);
            assertThat(bytes[5]).as("little-endian").isEqualTo((byte) 1);
            shoff = Math.toIntExact(buf.getLong(0x28));
            shentsize = Short.toUnsignedInt(buf.getShort(0x3a));
            shnum = Short.toUnsignedInt(buf.getShort(0x3c));
            shstrndx = Short.toUnsignedInt(buf.getShort(0x3e));
        }

        int machine() {
            return Short.toUnsignedInt(buf.getShort(0x12));
        }

        private int header(int index) {
            return shoff + index * shentsize;
        }

        private int type(int index) {
            return buf.getInt(header(index) + 4);
        }

        private int offset(int index) {
            return Math.toIntExact(buf.getLong(header(index) + 24));
        }

        private int size(int index) {
            return Math.toIntExact(buf.getLong(header(index) + 32));
        }

        private int link(int index) {
            return buf.getInt(header(index) + 40);
        }

        private String string(int table, int at) {
            int start = offset(table) + at;
            int end = start;
            while (buf.get(end) != 0) {
                end++;
            }
            byte[] name = new byte[end - start];
            buf.get(start, name);
            return new String(name, StandardCharsets.US_ASCII);
        }

        private int indexOf(String name) {
            for (int i = 0; i < shnum; i++) {
                if (string(shstrndx, buf.getInt(header(i))).equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        List<String> sectionsOfType(int type) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < shnum; i++) {
                if (type(i) == type) {
                    names.add(string(shstrndx, buf.getInt(header(i))));
                }
            }
            return names;
        }

        int sectionSize(String name) {
            int i = indexOf(name);
            return i < 0 ? 0 : size(i);
        }

        byte[] sectionBytes(String name) {
            int i = indexOf(name);
            assertThat(i).as("section %s", name).isNotNegative();
            assertThat(type(i)).as("%s type", name).isNotEqualTo(SHT_NOBITS);
            byte[] bytes = new byte[size(i)];
            buf.get(offset(i), bytes);
            return bytes;
        }

        /** Symbols defined in .text, by name, with their offsets in it. */
        Map<String, Long> textSymbols() {
            int text = indexOf(".text");
            List<String> symtabs = sectionsOfType(SHT_SYMTAB);
            assertThat(symtabs).as("symbol tables").hasSize(1);
            int symtab = indexOf(symtabs.get(0));
            int strtab = link(symtab);
            Map<String, Long> symbols = new HashMap<>();
            for (int at = offset(symtab); at < offset(symtab) + size(symtab); at += 24) {
                int shndx = Short.toUnsignedInt(buf.getShort(at + 6));
                if (shndx == text) {
                    symbols.put(string(strtab, buf.getInt(at)), buf.getLong(at + 8));
                }
            }
            return symbols;
        }
    }
}
