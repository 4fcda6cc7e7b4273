"""Every output byte of every command on the shipped data, to prove a refactor changes none.

    python benchmarks/snapshot.py capture DIR    # before the change
    python benchmarks/snapshot.py capture DIR2   # after it
    python benchmarks/snapshot.py compare DIR DIR2

It runs the installed `rarecli` (the one beside this Python) with RARECLI_TODAY fixed: each
listing command in every format and piped, usage errors, every --help, chart and report files,
both exports, every kind of `add` and `import` on a copy of the dataset. A workbook is compared
by its parts, without the creation time XlsxWriter stamps on it. Not a test: a run takes about
three minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

RARECLI = str(Path(sys.executable).with_name("rarecli"))
ENV = {
    **os.environ,
    "RARECLI_TODAY": "2025-06-30",
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
}
ENV.pop("RARECLI_DATA", None)
FORMATS = ("table", "csv", "tsv", "json", "md", "xlsx")
LISTINGS = (
    ["growth"],
    ["growth", "--all"],
    ["growth", "--months", "5"],
    ["growth", "--from", "2016", "--to", "2023", "--sort", "change_pct"],
    ["growth", "-c", "enterprises"],
    ["targets"],
    ["targets", "--year", "2024"],
    ["targets", "--as-of", "2022"],
    ["targets", "-s", "achieved"],
    ["indicators"],
    ["indicators", "-c", "enterprises"],
    ["show", "industry_output_value"],
    ["show", "local_conversion_rate"],
    ["enterprises"],
    ["enterprises", "--search", "north"],
    ["enterprises", "china_north_rare_earth"],
    ["sources"],
    ["observations"],
    ["observations", "--wide"],
    ["observations", "-c", "output", "--from", "2020"],
)
OTHERS = (
    ["chart", "industry_output_value"],
    ["chart", "national_high_tech_enterprises"],
    ["validate"],
    ["--help"],
    ["growth", "--sort", "chnage"],
    ["show", "industry_output"],
    ["targets", "-s", "ontrack"],
    ["growth", "--from", "2030"],
    ["report"],
    ["export"],
    ["add", "observation", "x"],
    ["new"],
    ["frobnicate"],
)
COMMANDS = (
    *("growth", "targets", "indicators", "show", "enterprises", "sources", "observations"),
    *("export", "validate", "chart", "report", "import", "new", "add"),
)
ADD_KINDS = ("observation", "source", "indicator", "target", "enterprise")
FILES = {
    "chart.svg": ["chart", "industry_output_value", "-o", "{d}/chart.svg"],
    "chart.png": ["chart", "industry_output_value", "-o", "{d}/chart.png"],
    "chart.pdf": ["chart", "industry_output_value", "-o", "{d}/chart.pdf"],
    "chart.txt": ["chart", "industry_output_value", "-o", "{d}/chart.txt"],
    "report.html": ["report", "-o", "{d}/report.html"],
    "report.md": ["report", "-o", "{d}/report.md"],
    "export.xlsx": ["export", "{d}/export.xlsx"],
    "pkg": ["export", "{d}/pkg", "--datapackage"],
    "growth.xlsx": ["growth", "-o", "{d}/growth.xlsx"],
    "obs.csv": ["observations", "-o", "{d}/obs.csv", "--bom"],
    "new.toml": ["new", "{d}/new.toml", "--title", "T", "--region", "R"],
}
SOURCE = "gim_2024_10_09"
EDITS = (
    ["add", "observation", "rare_earth_enterprises", "--year", "2026", "--value", "230"],
    ["add", "observation", "rare_earth_enterprises", "--year", "2024", "--value", "230"],
    ["add", "source", "s_new", "--title", "T", "--publisher", "P"],
    ["add", "indicator", "new_ind", "--name", "N", "--unit", "t", "--category", "output"],
    ["add", "target", "new_t", "--indicator", "rare_earth_enterprises", "--value", "300"],
    ["add", "enterprise", "new_e", "--name", "E", "--kind", "company"],
)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([RARECLI, *args], capture_output=True, env=ENV, cwd=cwd, check=False)


def _message(done: subprocess.CompletedProcess[bytes], folder: Path) -> bytes:
    text = b"RC %d\n" % done.returncode + done.stdout + b"\n--stderr\n" + done.stderr
    return text.replace(str(folder).encode(), b"D")


def capture(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp())
    cases = [[*args, "-f", f] for args in LISTINGS for f in FORMATS] + [*LISTINGS, *OTHERS]
    cases += [[c, "--help"] for c in COMMANDS] + [["add", k, "--help"] for k in ADD_KINDS]
    for n, args in enumerate(cases):
        name = re.sub(r"[^\w.-]+", "_", " ".join(args))[:80]
        (out / f"{n:03d}_{name}.out").write_bytes(_message(_run(args, work), work))
    for name, args in FILES.items():
        folder = work / name.replace(".", "_")
        folder.mkdir()
        done = _run([a.format(d=folder) for a in args], work)
        (out / f"file_{name}.msg").write_bytes(_message(done, folder))
        for f in sorted(p for p in folder.rglob("*") if p.is_file()):
            flat = str(f.relative_to(folder)).replace("/", "__")
            (out / f"file_{name}__{flat}").write_bytes(f.read_bytes())
    shipped = subprocess.run(
        [sys.executable, "-c", "import rarecli; print(rarecli.default_data_path())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for n, args in enumerate(EDITS):
        folder = work / f"edit{n}"
        folder.mkdir()
        data = folder / "data.toml"
        shutil.copy(shipped, data)
        cited = ["--source", SOURCE] if args[1] in ("observation", "target") else []
        done = _run(["--data", str(data), *args, *cited], work)
        (out / f"edit{n}.msg").write_bytes(_message(done, folder))
        (out / f"edit{n}.toml").write_bytes(data.read_bytes())
    folder = work / "import"
    folder.mkdir()
    data = folder / "data.toml"
    for suffix in ("csv", "tsv", "xlsx"):
        _run(["observations", "-o", str(folder / f"o.{suffix}")], work)
        for extra in ([], ["--replace"], ["--dry-run", "--replace"]):
            shutil.copy(shipped, data)
            done = _run(["--data", str(data), "import", str(folder / f"o.{suffix}"), *extra], work)
            tag = "_".join(["import", suffix, *extra])
            (out / f"{tag}.msg").write_bytes(_message(done, folder))
            (out / f"{tag}.toml").write_bytes(data.read_bytes())
    manifest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"{len(manifest)} outputs in {out}")


def _comparable(data: bytes) -> object:
    """The bytes, or a workbook's parts (wherever it starts) without its creation times."""
    start = data.find(b"PK\x03\x04")
    if start < 0:
        return data
    end = data.rfind(b"\n--stderr\n")
    book, tail = (data[start:end], data[end:]) if end > start else (data[start:], b"")
    archive = zipfile.ZipFile(io.BytesIO(book))
    stamp = re.compile(rb"<dcterms:(created|modified)[^<]*</dcterms:\w+>")
    parts = {n: stamp.sub(b"", archive.read(n)) for n in archive.namelist()}
    return data[:start], parts, tail


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in (*a.iterdir(), *b.iterdir())} - {"MANIFEST.json"})
    differ = 0
    for name in names:
        left, right = a / name, b / name
        if not left.exists() or not right.exists():
            print(f"only in {a if left.exists() else b}: {name}")
            differ += 1
        elif _comparable(left.read_bytes()) != _comparable(right.read_bytes()):
            print(f"differs: {name}")
            differ += 1
    print(f"{len(names)} outputs compared, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("capture").add_argument("dir", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.action == "capture":
        capture(args.dir)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
