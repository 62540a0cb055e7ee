"""Benchmark: start-up of whole processes against ``python -c pass``.

Run on demand (not in CI):  python benchmarks/startup.py [RUNS]   (default 15)

Each command is run as a whole process RUNS times after one warm-up, the
commands taking turns (A B C ... A B C ...) so that a change in the machine's
speed touches all of them alike; the figures are medians of each run's CPU
time (user + system, from the operating system's accounting of the finished
child) and wall time, and the ratio to ``python -c pass`` is the median of
the ratios of the runs taken side by side.  The issue's target (13): the
``workdays add`` and ``timeline`` rows within 5 times ``python -c pass``.

Before timing, the package's bytecode is compiled (as an installation does;
a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile every
module in every process) and the bundled rule files are checked and
recorded (``python -m disclosure_rules.rulefiles.precheck``, as at build
time).  The last row runs ``timeline`` with the record switched off
(``DISCLOSURE_RULES_CACHE_DIR=``): every bundled file parsed and checked
against its schema again, as before the record and the store existed.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
CASE = "examples/2026-0001-full.yaml"


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "disclosure-rules"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "disclosure_rules"]


def _commands() -> list[tuple[str, list[str], dict[str, str]]]:
    py, cli = sys.executable, _cli()
    return [
        ("python -c pass", [py, "-c", "pass"], {}),
        ('python -c "import disclosure_rules"', [py, "-c", "import disclosure_rules"], {}),
        ("disclosure-rules workdays add 2026-03-02 20", [*cli, "workdays", "add", "2026-03-02", "20"], {}),
        (f"disclosure-rules timeline {CASE}", [*cli, "timeline", CASE], {}),
        ("  the same, nothing kept (every file parsed and checked)", [*cli, "timeline", CASE],
         {"DISCLOSURE_RULES_CACHE_DIR": ""}),
    ]


def _run(argv: list[str], extra: dict[str, str]) -> tuple[float, float]:
    """(cpu, wall) seconds of one whole process."""
    env = {**os.environ, "DISCLOSURE_RULES_TODAY": "2026-12-01", **extra}
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    import yaml

    import disclosure_rules

    package = Path(disclosure_rules.__file__).parent
    compileall.compile_dir(str(package), quiet=1)
    subprocess.run([sys.executable, "-m", "disclosure_rules.rulefiles.precheck"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    commands = _commands()
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for n in range(RUNS + 1):
        for i, (_, argv, extra) in enumerate(commands):
            sample = _run(argv, extra)
            if n:                                       # the first round is the warm-up
                samples[i].append(sample)
    base = samples[0]
    print(f"{RUNS} runs of each command (medians), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
          f"with libyaml: {yaml.__with_libyaml__}")
    print(f"{'command':52} {'cpu ms':>8} {'wall ms':>8} {'cpu x':>7} {'wall x':>7}")
    for (name, _, _), runs in zip(commands, samples, strict=True):
        cpu = statistics.median(s[0] for s in runs)
        wall = statistics.median(s[1] for s in runs)
        rcpu = statistics.median(s[0] / b[0] for s, b in zip(runs, base, strict=True))
        rwall = statistics.median(s[1] / b[1] for s, b in zip(runs, base, strict=True))
        print(f"{name:52} {cpu * 1000:8.1f} {wall * 1000:8.1f} {rcpu:7.2f} {rwall:7.2f}")
    print("x: the median ratio to python -c pass, run by run (target for workdays add and timeline: at most 5)")


if __name__ == "__main__":
    main()
