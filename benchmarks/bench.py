"""Time rarecli's real commands as whole processes, next to the floors they cannot beat.

    python benchmarks/bench.py                 # shipped data, 1k, 10k and 100k observations
    python benchmarks/bench.py --sizes 1000 10000 100000 1000000 --runs 5
    python benchmarks/bench.py --edits-only        # add observation against validate alone

Floors, each a separate process with the same interpreter:
  python -c pass            the interpreter alone
  bare typer --help         a two-command Typer app's --help
  bare typer + pandas       a Typer command that imports pandas and tomli and prints a line
  bare tomli.load           those imports plus tomli.load of the same dataset file

Edits: `rarecli add observation` on a copy of each generated dataset, next to `rarecli validate`
of the same file (SPEC: within 2x); each round adds a new year, so every run writes the file.

Prints Markdown tables: median, min and max wall time, peak memory (max RSS), and the ratio of
each command to its floor. Generated datasets go to benchmarks/out/ (ignored by git).
Not part of the test suite: timings are measured and reported, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Children may write bytecode, as an installed package has it: without .pyc files every run
# would recompile rarecli while pandas and Typer load theirs, which measures the wrong thing.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
OUT = HERE / "out"
PY = sys.executable
COMMANDS = ("growth", "targets", "indicators")
# `observations -f xlsx` is measured against `observations -f csv` of the same file (SPEC: 3×).
SPREADSHEET_FORMATS = ("csv", "xlsx")
CHART_ID = "industry_output_value"
# Pictures, measured against `rarecli growth` on the shipped data (targets: 2.5x and 6x).
PICTURES = {"rarecli chart ID -o x.svg": 2.5, "rarecli report -o r.html": 6.0}

BARE_HELP = """
import typer
app = typer.Typer()
@app.command()
def first(x: int = 1):
    "First."
@app.command()
def second():
    "Second."
app()
"""
BARE_PANDAS = """
import typer
app = typer.Typer()
@app.command()
def run():
    import pandas, tomli
    print("ok")
@app.command()
def other():
    pass
app()
"""
BARE_LOAD = """
import sys, typer
app = typer.Typer()
@app.command()
def run(path: str):
    import pandas, tomli
    with open(path, "rb") as f:
        tomli.load(f)
    print("ok")
@app.command()
def other():
    pass
app()
"""


def generate(observations: int) -> Path:
    """A valid dataset: observations / 10 indicators x 10 years, one target each, with quotes."""
    path = OUT / f"gen-{observations}.toml"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    indicators = max(1, observations // 10)
    parts = [
        "schema_version = 1\n\n[dataset]\n"
        f'title = "Generated {observations}"\nregion = "Benchland"\n'
        "base_year = 2015\ncurrent_year = 2024\n\n"
        '[[sources]]\nid = "gen"\ntitle = "Generated"\npublisher = "bench"\n'
    ]
    for i in range(indicators):
        category = f"cat_{i % 20}"
        unit = "%" if i % 7 == 0 else "t"
        parts.append(
            f'\n[[indicators]]\nid = "ind_{i}"\nname = "Indicator {i}"\nunit = "{unit}"\n'
            f'category = "{category}"\n'
        )
        for k in range(10):
            year = 2015 + k
            value = 100 + (i % 50) + 3.5 * k
            status = "lower_bound" if (i + k) % 97 == 0 else "reported"
            parts.append(
                f"  [[indicators.observations]]\n  year = {year}\n  value = {value}\n"
                f'  source = "gen"\n  status = "{status}"\n'
                f'  quote = "indicator {i} stood at {value} in {year}"\n'
            )
    for i in range(indicators):
        parts.append(
            f'\n[[targets]]\nid = "tgt_{i}"\nindicator = "ind_{i}"\ndeadline = 2030\n'
            f'value = {200 + i % 30}\nsource = "gen"\nquote = "reach {200 + i % 30} by 2030"\n'
        )
    path.write_text("".join(parts), encoding="utf-8")
    return path


# CPU seconds (user + system) of every run, by command line: on a shared machine the CPU time
# of a process moves far less with the neighbours' load than its wall time does.
CPU: dict[tuple[str, ...], list[float]] = {}


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall time of one run and its peak RSS in MiB (its CPU time goes to CPU)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed: {err}")
    CPU.setdefault(tuple(argv), []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss / 1024


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[list[float], float]]:
    """Times and peak memory of each command over `runs` rounds, after one warm-up round.

    Rounds interleave the commands (each runs once per round), so that a floor and the command
    compared with it see the same machine: on a shared machine, noise drifts over seconds.
    """
    results: dict[str, tuple[list[float], float]] = {name: ([], 0.0) for name in commands}
    for round_number in range(runs + 1):
        for name, argv in commands.items():
            elapsed, peak = run_once(argv)
            if round_number:  # the warm-up round fills the file cache and writes bytecode
                times, top = results[name]
                times.append(elapsed)
                results[name] = (times, max(top, peak))
    return results


def script(name: str, text: str) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    path.write_text(text, encoding="utf-8")
    return path


def row(label: str, data: str, times: list[float], peak: float, floor: float | None) -> str:
    median = statistics.median(times)
    ratio = f"{median / floor:.2f}×" if floor else ""
    return (
        f"| {label} | {data} | {median:.3f} | {min(times):.3f} | {max(times):.3f} "
        f"| {peak:.0f} | {ratio} |"
    )


HEADER = [
    "| command | data | median s | min s | max s | peak MiB | vs floor |",
    "|---|---|---:|---:|---:|---:|---:|",
]


def edits(sizes: list[int], runs: int) -> None:
    """`add observation` against `validate` of the same file, interleaved round by round."""
    rarecli = [PY, "-m", "rarecli"]
    lines = list(HEADER)
    for size in sizes:
        data = OUT / f"edit-{size}.toml"
        shutil.copyfile(generate(size), data)
        label = f"{size:,} obs, {data.stat().st_size / 1e6:.1f} MB"
        validate: list[float] = []
        add: list[float] = []
        peaks = [0.0, 0.0]
        for round_number in range(runs + 1):
            year = str(1950 + round_number)  # a new observation each round: every run writes
            argv = [*rarecli, "--data", str(data), "add", "observation", "ind_0", "--year", year]
            argv += ["--value", "67.75", "--source", "gen", "--quote", "bench"]
            for k, (times, command) in enumerate(
                ((validate, [*rarecli, "validate", str(data)]), (add, argv))
            ):
                elapsed, peak = run_once(command)
                if round_number:
                    times.append(elapsed)
                    peaks[k] = max(peaks[k], peak)
        floor = statistics.median(validate)
        lines.append(row("rarecli validate", label, validate, peaks[0], None))
        lines.append(row("rarecli add observation", label, add, peaks[1], floor))
    print("\nEditing (ratio: add observation to validate of the same file):\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--edits-only", action="store_true", help="only the editing table")
    args = parser.parse_args()
    rarecli = [PY, "-m", "rarecli"]
    header = list(HEADER)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"{args.runs} interleaved rounds after one warm-up round.\n"
    )
    if args.edits_only:
        edits(args.sizes, args.runs)
        return

    bare_help = script("bare_help.py", BARE_HELP)
    bare_pandas = script("bare_pandas.py", BARE_PANDAS)
    bare_load = script("bare_load.py", BARE_LOAD)
    shipped = measure(
        {
            "python -c pass": [PY, "-c", "pass"],
            "bare typer --help": [PY, str(bare_help), "--help"],
            "bare typer + pandas, tomli": [PY, str(bare_pandas), "run"],
            "rarecli --help": [*rarecli, "--help"],
            "rarecli --version": [*rarecli, "--version"],
            **{f"rarecli {c}": [*rarecli, c, "-f", "csv"] for c in COMMANDS},
            "rarecli chart ID -o x.svg": [*rarecli, "chart", CHART_ID, "-o", str(OUT / "x.svg")],
            "rarecli report -o r.html": [*rarecli, "report", "-o", str(OUT / "r.html")],
        },
        args.runs,
    )
    help_floor = statistics.median(shipped["bare typer --help"][0])
    pandas_floor = statistics.median(shipped["bare typer + pandas, tomli"][0])
    growth_time = statistics.median(shipped["rarecli growth"][0])
    lines = list(header)
    for name, (times, peak) in shipped.items():
        floor = help_floor if name in ("rarecli --help", "rarecli --version") else pandas_floor
        floor = growth_time if name in PICTURES else floor
        data = "shipped" if name.split()[-1] in COMMANDS or name in PICTURES else ""
        lines.append(row(name, data, times, peak, floor if name.startswith("rarecli") else None))
    print(
        "Start-up and the shipped dataset (ratios: --help and --version to the bare --help; "
        "commands to the bare Typer command importing pandas and tomli; chart and report to "
        "rarecli growth):\n"
    )
    print("\n".join(lines))
    for name, target in PICTURES.items():
        ratio = statistics.median(shipped[name][0]) / growth_time
        print(f"\n{name}: {ratio:.2f}× rarecli growth (target {target}×)", end="")
    print()

    lines = list(header)
    medians: dict[tuple[str, int], float] = {}
    for size in args.sizes:
        data = generate(size)
        runs = args.runs if size <= 100000 else max(1, args.runs // 2)
        label = f"{size:,} obs, {data.stat().st_size / 1e6:.1f} MB"
        got = measure(
            {
                "floor": [PY, str(bare_load), "run", str(data)],
                **{c: [*rarecli, c, "-f", "csv", "--data", str(data)] for c in COMMANDS},
                **{
                    f"observations -f {f}": [*rarecli, "observations", "-f", f, "--data", str(data)]
                    for f in SPREADSHEET_FORMATS
                },
            },
            runs,
        )
        floor = statistics.median(got["floor"][0])
        for name, (times, peak) in got.items():
            medians[(name, size)] = statistics.median(times)
            if name == "floor":
                lines.append(row("bare tomli.load + imports", label, times, peak, None))
            else:
                lines.append(row(f"rarecli {name}", label, times, peak, floor))
    print("\nGenerated datasets (ratios to a bare tomli.load of the same file plus the imports):\n")
    print("\n".join(lines))

    print(
        "\nxlsx against CSV (`observations -f xlsx` / `observations -f csv`; medians of wall "
        "and of CPU time, user + system, warm-up included in CPU):\n"
    )
    print("| data | csv s | xlsx s | xlsx / csv | csv CPU s | xlsx CPU s | xlsx / csv CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        csv_s = medians[("observations -f csv", size)]
        xlsx_s = medians[("observations -f xlsx", size)]
        cpu = {
            f: statistics.median(
                CPU[(*rarecli, "observations", "-f", f, "--data", str(generate(size)))]
            )
            for f in SPREADSHEET_FORMATS
        }
        print(
            f"| {size:,} obs | {csv_s:.3f} | {xlsx_s:.3f} | {xlsx_s / csv_s:.2f}× "
            f"| {cpu['csv']:.3f} | {cpu['xlsx']:.3f} | {cpu['xlsx'] / cpu['csv']:.2f}× |"
        )

    sizes = sorted(args.sizes)
    print(
        "\nScaling (median time at each size divided by the median at the previous size; "
        "10× the data):\n"
    )
    print(
        "| command | " + " | ".join(f"{a:,} → {b:,}" for a, b in itertools.pairwise(sizes)) + " |"
    )
    print("|---|" + "---:|" * (len(sizes) - 1))
    for command in ("floor", *COMMANDS):
        steps = [
            medians[(command, b)] / medians[(command, a)] for a, b in itertools.pairwise(sizes)
        ]
        name = "bare tomli.load + imports" if command == "floor" else f"rarecli {command}"
        print(f"| {name} | " + " | ".join(f"{s:.2f}×" for s in steps) + " |")
    edits(args.sizes, args.runs)


if __name__ == "__main__":
    main()
