#!/usr/bin/env python3
"""Workaround for TorchSharp 0.107.0 on Debian 12 (libstdc++ from GCC 12, max GLIBCXX_3.4.30).

libLibTorchSharp.so was built with GCC >= 13 and carries a version-need entry for GLIBCXX_3.4.32.
The only symbol bound to it is _ZSt21ios_base_library_initv, a dummy reference emitted by GCC 13's
<iostream> (no relocation uses it). Marking that version-need entry VER_FLG_WEAK lets glibc's loader
accept the library with an older libstdc++. The patch is a 2-byte change; no code is changed.
Usage: patch_glibcxx.py path/to/libLibTorchSharp.so   (idempotent; no-op if system libstdc++ has 3.4.32)
"""
import struct, sys, glob, os

def system_has(ver: bytes) -> bool:
    for p in glob.glob("/usr/lib/x86_64-linux-gnu/libstdc++.so.6*") + glob.glob("/lib64/libstdc++.so.6*"):
        try:
            if ver in open(p, "rb").read():
                return True
        except OSError:
            pass
    return False

def main(path: str, target: bytes = b"GLIBCXX_3.4.32") -> int:
    if system_has(target):
        print(f"patch_glibcxx: system libstdc++ provides {target.decode()}, nothing to do")
        return 0
    data = bytearray(open(path, "rb").read())
    assert data[:4] == b"\x7fELF" and data[4] == 2, "not ELF64"
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    secs = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    patched = 0
    for (name, typ, flags, addr, off, size, link, info, align, entsize) in secs:
        if typ != 0x6FFFFFFE:  # SHT_GNU_verneed
            continue
        stroff = secs[link][4]
        cstr = lambda o: bytes(data[stroff + o: data.index(0, stroff + o)])
        vn = off
        for _ in range(info):
            vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, vn)
            a = vn + vn_aux
            for _ in range(vn_cnt):
                vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, a)
                if cstr(vna_name) == target:
                    if vna_flags & 0x2:
                        print("patch_glibcxx: already weak")
                    else:
                        struct.pack_into("<H", data, a + 4, vna_flags | 0x2)
                        patched += 1
                a += vna_next
            if vn_next == 0:
                break
            vn += vn_next
    if patched:
        # Write a new file and rename it over the old one, so that a hard link into a package cache is never
        # modified (a copy of the upstream script, changed only here).
        tmp = path + ".patching"
        open(tmp, "wb").write(data)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
        print(f"patch_glibcxx: marked {target.decode()} weak in {path}")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
