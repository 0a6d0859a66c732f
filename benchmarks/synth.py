"""A synthetic corpus of N reports for scale benchmarks, made from real documents.

Each file is a real report (the shared corpus's raw/ and the wild reports) with its region renamed to a
real division of the same level (GB/T 2260 table in duixian's data: a county's report becomes another
county's, with that county's city and province), its years shifted to a year between 2003 and 2025,
and its figures perturbed (decimals and integers ≥ 32 scaled by 0.8–1.2; day and month numbers and
years are left as dates). Every file is new content (its own fingerprint) with the genre's real shape.

The mix follows the users' corpus (about 2,800 counties, 330 cities, 31 provinces, one nation): bases
are drawn by level with those weights, so most files are county-length reports, not national ones.

Deterministic: file i depends only on (seed, i), so any N is a prefix of any larger N with the same
seed, and two runs write identical bytes.

    python benchmarks/synth.py OUT_DIR --n 10000 [--seed 7]

Writes OUT_DIR/NNN/NNNNNN.txt (UTF-8, 1,000 files per folder) and OUT_DIR/manifest.tsv (file, base,
level, region, year). `duixian ingest OUT_DIR` reads them (manifest.tsv is not a report suffix).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared") if Path("/work/shared").exists() else ROOT.parent / "shared"
# levels as the users' corpus holds them: ~2,800 counties/districts, ~330 cities, 31 provinces, 1 nation
LEVEL_WEIGHTS = {"county": 2800, "city": 330, "province": 31, "nation": 1}
YEARS = (2003, 2025)
_SKIP_NOTES = ("ENGLISH", "MANY reports")  # not one Chinese report each


@dataclass(frozen=True)
class Base:
    name: str
    text: str
    level: str  # county | city | province | nation
    region: str | None
    year: int | None
    city: str | None = None
    province: str | None = None


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    province: str
    city: str


def divisions() -> list[Division]:
    src = resources.files("duixian.data").joinpath("divisions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in src.splitlines() if not line.startswith("#"))
    return [Division(r["code"], r["name"], r["level"], r["province"], r["city"] or "") for r in rows]


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _level(raw: str) -> str:
    return "county" if raw in ("county", "district") else raw


def _place(divs: list[Division], region: str | None, level: str, full: str = "") -> tuple[str | None, str | None]:
    """(city, province) of a base's region, from the division table."""
    if not region or level == "nation":
        return None, None
    cands = [d for d in divs if d.name == region and _level(d.level) == level]
    if full:
        cands = [d for d in cands if full.startswith(d.province)] or cands
    if not cands:
        return None, None
    d = cands[0]
    return (d.city or None), d.province


def bases(divs: list[Division], shared: Path = SHARED) -> list[Base]:
    out: list[Base] = []
    raw, gold = shared / "corpus" / "raw", shared / "corpus" / "gold"
    for p in sorted(raw.glob("*.txt")):
        g = gold / (p.stem + ".json")
        if not g.exists():
            continue
        r = json.loads(g.read_text(encoding="utf-8"))
        r = r.get("report", r) if isinstance(r, dict) else {}
        level = _level(r.get("level") or "")
        if level not in LEVEL_WEIGHTS:
            continue
        city, prov = _place(divs, r.get("region"), level, r.get("region_full") or "")
        out.append(Base(p.name, _decode(p), level, r.get("region"), r.get("report_year"), city, prov))
    manifest = shared / "wild" / "MANIFEST.tsv"
    if manifest.exists():
        with manifest.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                p = shared / "wild" / row["file"]
                if p.suffix != ".txt" or not row["year"] or any(s in row["format"] for s in _SKIP_NOTES):
                    continue
                level = _level(row["level"])
                city, prov = _place(divs, row["region"], level)
                out.append(Base("wild/" + p.name, _decode(p), level, row["region"], int(row["year"]), city, prov))
    return out


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_NUM = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?![\d.])")
_DATE_AFTER = tuple("月日号时")
# ordinary division names only as targets: the table also lists 管理区, 示范区 and 开发区 that no work
# report is named after
_PLAIN = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:自治县|县|区|市|旗|省|自治区)$")
_ODD = ("管理", "示范", "开发", "委员会", "园区")


def _short(name: str) -> str:
    for suffix in ("自治县", "自治州", "自治区", "新区", "区", "县", "市", "省"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _rename(text: str, pairs: list[tuple[str | None, str | None]]) -> str:
    # full names first, then short forms (海拉尔区 before 海拉尔), longest first so no name eats another
    subs: dict[str, str] = {}
    for old, new in pairs:
        if old and new and old != new:
            subs.setdefault(old, new)
    for old, new in list(subs.items()):
        so, sn = _short(old), _short(new)
        if so != old and len(so) >= 2:
            subs.setdefault(so, sn)
    if not subs:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(subs, key=len, reverse=True)))
    return pattern.sub(lambda m: subs[m.group(0)], text)


def _perturb(text: str, rng: random.Random, shift: int) -> str:
    def year(m: re.Match) -> str:
        return str(int(m.group(0)) + shift)

    def num(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2)
        nxt = text[m.end(): m.end() + 1]
        if frac:
            v = float(whole + frac) * rng.uniform(0.8, 1.2)
            return f"{v:.{len(frac) - 1}f}"
        n = int(whole)
        if n < 32 or nxt in _DATE_AFTER or (len(whole) == 4 and 1950 <= n <= 2060):
            return whole
        return str(max(32, round(n * rng.uniform(0.8, 1.2))))

    text = _YEAR.sub(year, text)  # years first: the number pass then leaves them alone (4-digit years)
    return _NUM.sub(num, text)


def make(i: int, seed: int, pool: dict[str, list[Base]], targets: dict[str, list[Division]]) -> tuple[str, dict]:
    """File i's text and its manifest row; depends only on (seed, i) and the bases."""
    rng = random.Random(f"{seed}:{i}")
    levels = [lv for lv in LEVEL_WEIGHTS if pool.get(lv)]
    level = rng.choices(levels, weights=[LEVEL_WEIGHTS[lv] for lv in levels])[0]
    base = rng.choice(pool[level])
    year = rng.randint(*YEARS)
    shift = year - base.year if base.year else 0
    body = base.text
    region = base.region
    if level != "nation" and targets.get(level):
        d = rng.choice(targets[level])
        body = _rename(body, [(base.region, d.name), (base.city, d.city or None), (base.province, d.province)])
        region = d.name
    body = _perturb(body, rng, shift)
    return body, {"base": base.name, "level": level, "region": region, "year": year}


def generate(out: Path, n: int, *, seed: int = 7, start: int = 0, shared: Path = SHARED) -> list[Path]:
    """Write files start … n-1 (skipping ones already there with the same bytes); returns every path."""
    divs = divisions()
    pool: dict[str, list[Base]] = {}
    for b in bases(divs, shared):
        pool.setdefault(b.level, []).append(b)
    targets: dict[str, list[Division]] = {}
    for d in divs:
        if _PLAIN.match(d.name) and not any(w in d.name for w in _ODD):
            targets.setdefault(_level(d.level), []).append(d)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    rows = []
    for i in range(start, n):
        body, row = make(i, seed, pool, targets)
        p = out / f"{i // 1000:03d}" / f"{i:06d}.txt"
        data = body.encode("utf-8")
        if not (p.exists() and p.read_bytes() == data):
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(data)
        paths.append(p)
        rows.append({"file": str(p.relative_to(out)), **row})
    with (out / "manifest.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "base", "level", "region", "year"], delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder holding corpus/ and wild/")
    args = ap.parse_args()
    t0 = time.perf_counter()
    paths = generate(args.out, args.n, seed=args.seed, shared=args.shared)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB, in {time.perf_counter() - t0:.1f} s → {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
