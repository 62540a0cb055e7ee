"""Benchmark: start-up of whole processes against ``python -c pass``.

Run on demand (not in CI):  python benchmarks/startup.py [RUNS]   (default 15)

Each command is run as a whole process RUNS times after one warm-up, the
commands taking turns (A B C ... A B C ...) so that a change in the machine's
speed touches all of them alike; the figures are medians of each run's CPU
time (user + system, from the operating system's accounting of the finished
child) and wall time, and the ratio to ``python -c pass`` is the median of
the ratios of the runs taken side by side.  The issue's target (13): the
``workdays add`` and ``timeline`` rows within 5 times ``python -c pass``.
Two rows show what the dependencies cost before any code of the library
runs: importing attrs (every value class is an attrs class) and importing
attrs and PyYAML (a case file is YAML).

The commands run where the package is installed as a user installs it.
An editable install (``pip install -e``, as ``make test`` makes it) loads
its import hook, and pathlib with it, in every process of its interpreter:
there ``python -c pass`` takes about twice as long (some 40 ms against 18
on the machine of docs/scale.md) and every ratio comes out about half of
what a user's installation gives.  So this script first installs a regular
copy of the checkout it belongs to (``pip install --no-deps --target``)
into a throwaway environment (``python -m venv --without-pip`` in the
temporary directory) whose dependencies are this environment's (one
``.pth`` line), with the console script pip would write, and times every
command there (the first line printed says where).

Before timing, the package's bytecode is compiled (as an installation does;
a run with PYTHONDONTWRITEBYTECODE would otherwise compile every module in
every process) and the bundled rule files are checked and recorded
(``python -m disclosure_rules.rulefiles.precheck``, as at build time).  The last row runs ``timeline`` with the record switched off
(``DISCLOSURE_RULES_CACHE_DIR=``): every bundled file parsed and checked
against its schema again, as before the record and the store existed.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _runs(argv: list[str]) -> int:
    """RUNS from the command line: a whole number of at least 1 (default 15)."""
    if len(argv) < 2:
        return 15
    if not argv[1].isdigit() or int(argv[1]) < 1:
        raise SystemExit(f"usage: python benchmarks/startup.py [RUNS]: RUNS is a whole number of at least 1, "
                         f"not {argv[1]!r}")
    return int(argv[1])


RUNS = _runs(sys.argv)
CASE = "examples/2026-0001-full.yaml"
HERE = Path(tempfile.gettempdir())   # the commands' folder: with ``-c`` and ``-m`` Python imports from it first


SCRIPT = """#!{python}
import sys
from disclosure_rules.cli import run
if __name__ == "__main__":
    sys.exit(run())
"""


def _regular_install() -> tuple[str, Path]:
    """(python, package folder) of a throwaway environment with a regular install of the checkout."""
    env = HERE / "disclosure-rules-startup-env"
    shutil.rmtree(env, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(ROOT)],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        said = [line for line in pip.stderr.splitlines() if line.strip() and not line.startswith("WARNING")]
        raise SystemExit(f"could not install {ROOT} for timing (pip exit {pip.returncode}): "
                         f"{said[-1] if said else 'no message'}")
    shutil.rmtree(site / "bin", ignore_errors=True)      # pip's scripts name this interpreter: written below
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    script = env / "bin" / "disclosure-rules"
    script.write_text(SCRIPT.format(python=python), encoding="utf-8")
    script.chmod(0o755)
    return str(python), site / "disclosure_rules"


def _commands(py: str) -> list[tuple[str, list[str], dict[str, str]]]:
    cli = [str(Path(py).parent / "disclosure-rules")]        # the console script _regular_install wrote
    return [
        ("python -c pass", [py, "-c", "pass"], {}),
        ('python -c "import attrs"  (a dependency alone)', [py, "-c", "import attrs"], {}),
        ('python -c "import attrs, yaml"  (the two a timeline needs)', [py, "-c", "import attrs, yaml"], {}),
        ('python -c "import disclosure_rules"', [py, "-c", "import disclosure_rules"], {}),
        ("disclosure-rules workdays add 2026-03-02 20", [*cli, "workdays", "add", "2026-03-02", "20"], {}),
        (f"disclosure-rules timeline {CASE}", [*cli, "timeline", str(ROOT / CASE)], {}),
        ("  the same, nothing kept (every file parsed and checked)", [*cli, "timeline", str(ROOT / CASE)],
         {"DISCLOSURE_RULES_CACHE_DIR": ""}),
    ]


def _run(argv: list[str], extra: dict[str, str]) -> tuple[float, float]:
    """(cpu, wall) seconds of one whole process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}       # the installation timed, not a checkout
    env.update({"DISCLOSURE_RULES_TODAY": "2026-12-01", **extra})
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=HERE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    import yaml

    python, package = _regular_install()
    compileall.compile_dir(str(package), quiet=1)
    subprocess.run([python, "-m", "disclosure_rules.rulefiles.precheck"], cwd=HERE, check=True,
                   stdout=subprocess.DEVNULL)
    commands = _commands(python)
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for n in range(RUNS + 1):
        for i, (_, argv, extra) in enumerate(commands):
            sample = _run(argv, extra)
            if n:                                       # the first round is the warm-up
                samples[i].append(sample)
    base = samples[0]
    print(f"timed: a regular install of {ROOT} in a throwaway environment ({package})")
    print(f"{RUNS} runs of each command (medians), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
          f"with libyaml: {yaml.__with_libyaml__}")
    print(f"{'command':60} {'cpu ms':>8} {'wall ms':>8} {'cpu x':>7} {'wall x':>7}")
    for (name, _, _), runs in zip(commands, samples, strict=True):
        cpu = statistics.median(s[0] for s in runs)
        wall = statistics.median(s[1] for s in runs)
        rcpu = statistics.median(s[0] / b[0] for s, b in zip(runs, base, strict=True))
        rwall = statistics.median(s[1] / b[1] for s, b in zip(runs, base, strict=True))
        print(f"{name:60} {cpu * 1000:8.1f} {wall * 1000:8.1f} {rcpu:7.2f} {rwall:7.2f}")
    print("x: the median ratio to python -c pass, run by run (target for workdays add and timeline: at most 5)")


if __name__ == "__main__":
    main()
