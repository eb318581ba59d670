"""Open graph files with the programs people open them with: Gephi (toolkit) and graphology (npm).

``gephi(paths)`` runs ``gephi/``'s ``GephiReader`` (Gephi toolkit 0.10.1 from Maven Central, built
with Maven on first use) and ``graphology(paths)`` runs ``graphology/read.js`` (graphology and
graphology-gexf as pinned in ``graphology/package-lock.json``, installed with ``npm ci`` on first
use). Each returns, per file, what the program got: see the two programs' headers. Nothing here
skips: a missing Java, Maven or Node.js is an error that says what to install.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEPHI = HERE / "gephi"
GEPHI_TARGET = GEPHI / "target"
GEPHI_JAR = GEPHI_TARGET / "gephi-reader.jar"
GRAPHOLOGY = HERE / "graphology"
BUILD_TIMEOUT_S = 900


def _needed(program: str, package: str) -> str:
    found = shutil.which(program)
    if not found:
        raise RuntimeError(
            f"{program!r} not found on PATH; the graph reader tests need it (Debian: apt-get install {package})"
        )
    return found


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(path: Path):
    """One process at a time builds or installs (parallel test processes wait for the first)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield


def _run(command: list[str], cwd: Path, what: str) -> None:
    started = time.monotonic()
    proc = subprocess.run(
        command, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        raise RuntimeError(
            f"{what} failed ({' '.join(command)} in {cwd}, exit {proc.returncode}, "
            f"{time.monotonic() - started:.0f} s). Last lines:\n{tail}"
        )


def ensure_gephi() -> Path:
    """Build ``gephi/`` with Maven unless ``target/.build-stamp`` holds the hash of its pom and source."""
    sources = [GEPHI / "pom.xml", *sorted((GEPHI / "src").rglob("*.java"))]
    stamp = GEPHI_TARGET / ".build-stamp"

    def built() -> bool:
        return GEPHI_JAR.is_file() and stamp.is_file() and stamp.read_text().strip() == _fingerprint(sources)

    if built():
        return GEPHI_TARGET
    with _locked(GEPHI_TARGET / ".build.lock"):
        if not built():
            _needed("java", "openjdk-17-jdk-headless")
            _run(
                [_needed("mvn", "maven"), "-q", "-B", "package", "-DskipTests"],
                GEPHI,
                "Maven build of the Gephi reader",
            )
            stamp.write_text(_fingerprint(sources) + "\n")
    return GEPHI_TARGET


def ensure_graphology() -> Path:
    """``npm ci`` in ``graphology/`` unless its node_modules was installed from the same package-lock.json."""
    lock = GRAPHOLOGY / "package-lock.json"
    stamp = GRAPHOLOGY / "node_modules" / ".graphmodel-stamp"

    def installed() -> bool:
        return stamp.is_file() and stamp.read_text().strip() == _fingerprint([lock])

    if installed():
        return GRAPHOLOGY
    with _locked(GRAPHOLOGY / ".install.lock"):
        if not installed():
            _needed("node", "nodejs")
            _run([_needed("npm", "npm"), "ci", "--no-audit", "--no-fund"], GRAPHOLOGY, "npm ci of graphology")
            stamp.write_text(_fingerprint([lock]) + "\n")
    return GRAPHOLOGY


def _lines(command: list[str], cwd: Path, paths: list, what: str) -> list[dict]:
    """One JSON line per path (a flag such as --no-merge among them prints nothing)."""
    proc = subprocess.run(
        [*command, *map(str, paths)], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=600
    )
    out = proc.stdout.decode("utf-8")
    if proc.returncode != 0 or len(out.splitlines()) != sum(not str(p).startswith("--") for p in paths):
        err = "\n".join(proc.stderr.decode("utf-8", "replace").splitlines()[-40:])
        raise RuntimeError(f"{what} exited {proc.returncode}:\n{err}")
    return [json.loads(line) for line in out.splitlines()]


def gephi(paths: list) -> list[dict]:
    """What the Gephi toolkit loads from each file (files after "--no-merge" with parallel edges kept apart): ``issues`` ([level, message]), ``directed``, ``dynamic``,
    ``node_count``, ``edge_count``, ``nodes`` (id, label, x, y, size, rgb, attributes) and ``edges`` (id,
    source, target, directed, attributes); attribute values as Gephi's text of them."""
    target = ensure_gephi()
    java = os.environ.get("GRAPH_READERS_JAVA") or _needed("java", "openjdk-17-jdk-headless")
    command = [java, "-Xmx512m", "-Djava.awt.headless=true", "-cp", f"{GEPHI_JAR}:{target / 'lib'}/*"]
    return _lines([*command, "graphmodel.readers.GephiReader"], GEPHI, paths, "Gephi toolkit")


def gephi_preview(gexf: Path, svg: Path, label_size: int = 60) -> Path:
    """Gephi's Preview of ``gexf`` (opened as File > Open does, labels on, no layout run) exported as SVG to
    ``svg``: what a Gephi user sees in the Preview tab. (Gephi's PNG export needs a display; SVG does not.)"""
    target = ensure_gephi()
    java = os.environ.get("GRAPH_READERS_JAVA") or _needed("java", "openjdk-17-jdk-headless")
    command = [java, "-Xmx1g", "-Djava.awt.headless=true", "-cp", f"{GEPHI_JAR}:{target / 'lib'}/*"]
    proc = subprocess.run(
        [*command, "graphmodel.readers.GephiPreview", str(gexf), str(svg), str(label_size)],
        cwd=GEPHI, stdin=subprocess.DEVNULL, capture_output=True, timeout=600,
    )  # fmt: skip
    if proc.returncode != 0 or not svg.is_file():
        err = "\n".join(proc.stderr.decode("utf-8", "replace").splitlines()[-40:])
        raise RuntimeError(f"Gephi's preview exited {proc.returncode}:\n{err}")
    return svg


def graphology(paths: list[Path]) -> list[dict]:
    """What graphology gets from each file (``graphology/read.js``): ``order``, ``size``, ``nodes`` (key,
    attributes), ``edges`` (key, source, target, attributes), or ``error``."""
    folder = ensure_graphology()
    return _lines([_needed("node", "nodejs"), "read.js"], folder, paths, "graphology")
