"""Run every benchmarks/bench_*.py and print one table: our time, the reference's time measured in
the same run, and the ratio. Written to benchmarks/results/latest.md as well.
Usage: python benchmarks/run.py [name-filter]"""

from __future__ import annotations

import importlib
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(filter_text: str = "") -> None:
    rows = []
    for path in sorted(HERE.glob("bench_*.py")):
        if filter_text not in path.stem:
            continue
        module = importlib.import_module(path.stem)
        if not hasattr(module, "run"):  # minutes and gigabytes: run by hand, as its docstring says
            print(f"== {path.stem}: run by hand (python benchmarks/{path.name})", flush=True)
            continue
        print(f"== {path.stem}", flush=True)
        for name, ours, reference in module.run():
            rows.append((path.stem, name, ours, reference))
            print(f"   {name}: {ours:.3f} s vs reference {reference:.3f} s", flush=True)
    lines = [
        f"Benchmarks, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{platform.processor() or platform.machine()}",
        "",
        "| benchmark | case | ours (s) | reference (s) | ours / reference |",
        "|---|---|---:|---:|---:|",
    ]
    for stem, name, ours, reference in rows:
        ratio = ours / reference if reference else float("nan")
        lines.append(f"| {stem} | {name} | {ours:.3f} | {reference:.3f} | {ratio:.2f} |")
    text = "\n".join(lines)
    print()
    print(text)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
