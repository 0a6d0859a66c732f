#!/usr/bin/env python3
"""Write src/duixian/data/t2s_witnesses.txt from the installed OpenCC's t2s dictionaries.

Usage (from the worktree root, after an OpenCC upgrade; tests/test_clean_speed.py says when it is due):
    python tools/t2s_witnesses.py            # rewrite the table
    python tools/t2s_witnesses.py --check    # exit 1 when the table is not what the dictionaries give

Why.  ``clean.chars.detect_script`` calls a text traditional when OpenCC ``t2s`` changes more than
max(3, 2%) of its Chinese characters.  Converting a 40,000-character report costs about a millisecond;
the table lets most texts skip it with a bound that is never below the real count:

- ``t2s`` rewrites a stretch only where a dictionary key with a different value stands (a one-character
  key of TSCharacters / TSCharactersExt, a phrase of TSPhrases, or a compatibility ideograph that the
  normalisation step replaces); every value has its key's length, so the text keeps its alignment and a
  key that matches changes at most as many characters as its value differs from it;
- so every key with a different value gets one *witness*, a character of the key (the key itself; for a
  phrase, its first character that is a changing one-character key, else its first changed character),
  and each witness its *weight*, the most characters a key it witnesses can change;
- keys that match do not overlap, so the changes are at most the summed weights of the witness characters
  in the text.  A compatibility ideograph gets weight ``inf`` (after its normalisation the phrases could
  match differently: such a text is converted).

The first line records the SHA-256 of the dictionaries the table was made from; ``detect_script`` uses
the table only when the installed files have that hash, and converts every text otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

from duixian.clean.chars import t2s_dictionaries, t2s_dictionaries_sha256

OUT = Path(__file__).resolve().parent.parent / "src" / "duixian" / "data" / "t2s_witnesses.txt"
CJK = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))  # what detect_script's sample is made of


def _in_sample(key: str) -> bool:
    return all(any(lo <= ord(c) <= hi for lo, hi in CJK) for c in key)


def _entries(ocd2: Path) -> list[tuple[str, str]]:
    """(key, first value) of a binary dictionary, dumped by the opencc_dict program shipped with OpenCC."""
    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        env = {**os.environ, "LD_LIBRARY_PATH": str(clib / "lib64")}
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, env=env)
        rows = [line.rstrip("\n").split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line]
    return [(key, values.split(" ")[0]) for key, values in rows]


def table() -> list[str]:
    files = {p.stem: p for p in t2s_dictionaries()}
    weight: dict[str, float] = {}
    singles = {k for name in ("TSCharacters", "TSCharactersExt") for k, v in _entries(files[name]) if k != v}
    for name in ("TSCharacters", "TSCharactersExt", "TSPhrases", "CJK_Compatibility_Ideographs"):
        for key, value in _entries(files[name]):
            if key == value or not _in_sample(key):
                continue
            if len(key) != len(value):
                sys.exit(f"{name}: {key} → {value} changes the length; the bound does not hold, see the docstring")
            if name == "CJK_Compatibility_Ideographs":
                witness, changes = key[0], float("inf")
            else:
                witness = next((c for c in key if c in singles), None) or next(a for a, b in zip(key, value, strict=True) if a != b)
                changes = sum(a != b for a, b in zip(key, value, strict=True))
            weight[witness] = max(weight.get(witness, 0), changes)
    head = f"sha256 {t2s_dictionaries_sha256()}"
    return [head] + [f"{c} {'inf' if w == float('inf') else int(w)}" for c, w in sorted(weight.items())]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    lines = table()
    text = "\n".join(lines) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from what the installed dictionaries give")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(lines) - 1} witnesses → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
