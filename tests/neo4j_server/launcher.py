"""Run a real Neo4j Community 5.26 server (embedded in a JVM, Bolt on loopback) for tests.

The Java side lives beside this file: ``pom.xml`` pulls ``org.neo4j:neo4j`` and
``org.neo4j:neo4j-bolt`` from Maven Central and ``src/main/java/graphmodel/testserver/Main.java``
starts a ``DatabaseManagementService`` with Bolt on ``127.0.0.1:PORT``, prints ``READY PORT``
and runs until its stdin is closed. See ``README.md`` for numbers and troubleshooting.

Usage::

    from neo4j_server.launcher import Neo4jTestServer

    with Neo4jTestServer() as server:          # builds with Maven on first use
        driver = server.driver()               # auth=None (auth is off by default)
        driver.execute_query("RETURN 1")
        (server.import_dir / "x.csv").write_text("id\\n1\\n")   # LOAD CSV 'file:///x.csv'
        server.reset()                         # clean database for the next test

Resetting between tests (Community has no ``CREATE OR REPLACE DATABASE`` and cannot drop the
default database, so a reset is done with Cypher over the driver, see :meth:`reset`):

1. ``MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`` in an auto-commit
   transaction (``session.run``), so large graphs do not need one huge transaction;
2. ``SHOW CONSTRAINTS`` then ``DROP CONSTRAINT `name` IF EXISTS`` for each (this also drops
   the indexes that back uniqueness constraints);
3. ``SHOW INDEXES`` then ``DROP INDEX `name` IF EXISTS`` for each index except the two
   token ``LOOKUP`` indexes that every fresh database has (pass ``drop_lookup_indexes=True``
   to drop those too).

This takes a few milliseconds on a test-sized graph, against several seconds for a new JVM.

Environment knobs:

* ``NEO4J_TEST_JAVA``: the ``java`` executable to use (default: ``$JAVA_HOME/bin/java``, then
  ``java`` on PATH). Neo4j 5.26 needs Java 17 or 21.
* ``NEO4J_TEST_MVN``: the ``mvn`` executable (default: ``mvn`` on PATH).
* ``NEO4J_TEST_HEAP``: JVM heap, default ``512m``.
* ``NEO4J_TEST_JVM_OPTS``: extra JVM flags, appended (shell-split).
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import hashlib
import importlib.util
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

MODULE_DIR = Path(__file__).resolve().parent
POM = MODULE_DIR / "pom.xml"
SRC_DIR = MODULE_DIR / "src"
TARGET_DIR = MODULE_DIR / "target"
APP_JAR = TARGET_DIR / "neo4j-testserver.jar"
LIB_DIR = TARGET_DIR / "lib"
STAMP = TARGET_DIR / ".build-stamp"
MAIN_CLASS = "graphmodel.testserver.Main"

#: Flags Neo4j 5.26 wants on Java 17+. Without them the server still starts, but the page
#: cache falls back to a slower mode ("Reflection access to java.nio.DirectByteBuffer is not
#: available") and native file advice fails ("Incorrect file descriptor") -- see README.md.
JVM_OPENS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
JVM_FLAGS = (
    *JVM_OPENS,
    "-Dio.netty.tryReflectionSetAccessible=true",  # as Neo4j's own launcher does
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-XX:-OmitStackTraceInFastThrow",
    # C1 only: start-up about halves (measured 5.8 s vs 11 s median on a busy 2-core machine)
    # and test-sized queries do not need C2. Undo with NEO4J_TEST_JVM_OPTS=-XX:TieredStopAtLevel=4.
    "-XX:TieredStopAtLevel=1",
)

BUILD_TIMEOUT_S = 30 * 60
_build_lock = threading.Lock()


# --------------------------------------------------------------------------- tools


def find_java() -> str:
    """Return the path of a ``java`` (17+) to run the server with, or raise RuntimeError."""
    candidates = []
    if os.environ.get("NEO4J_TEST_JAVA"):
        candidates.append(os.environ["NEO4J_TEST_JAVA"])
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    which = shutil.which("java")
    if which:
        candidates.append(which)
    for cand in candidates:
        if Path(cand).is_file() and os.access(cand, os.X_OK):
            major = _java_major(cand)
            if major is None or major < 17:
                raise RuntimeError(
                    f"{cand} is Java {major}; Neo4j 5.26 needs Java 17 or 21. "
                    "Set NEO4J_TEST_JAVA or JAVA_HOME to a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)."
                )
            return cand
    raise RuntimeError(
        "No 'java' found (looked at $NEO4J_TEST_JAVA, $JAVA_HOME/bin/java and PATH). The Neo4j test "
        "server needs Java 17 (Debian: apt-get install openjdk-17-jdk-headless)."
    )


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def find_mvn() -> str:
    mvn = os.environ.get("NEO4J_TEST_MVN") or shutil.which("mvn")
    if not mvn:
        raise RuntimeError(
            "Maven ('mvn') not found on PATH; it is needed once to fetch Neo4j from Maven Central "
            "and build tests/neo4j_server (Debian: apt-get install maven). Or set NEO4J_TEST_MVN."
        )
    return mvn


# --------------------------------------------------------------------------- build


def _sources() -> list[Path]:
    return [POM, *sorted(SRC_DIR.rglob("*.java"))]


def _fingerprint() -> str:
    h = hashlib.sha256()
    for p in _sources():
        h.update(str(p.relative_to(MODULE_DIR)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _is_built() -> bool:
    if not (APP_JAR.is_file() and LIB_DIR.is_dir() and STAMP.is_file()):
        return False
    if not any(LIB_DIR.glob("neo4j-bolt-*.jar")) or not any(LIB_DIR.glob("neo4j-5.*.jar")):
        return False
    # Content hash rather than mtimes: a git checkout or copy can make an old build look newer
    # than changed sources, and touching an unchanged file should not cost a rebuild.
    return STAMP.read_text().strip() == _fingerprint()


def ensure_built(force: bool = False) -> Path:
    """Build the Java module with Maven unless an up-to-date build exists; return ``target/``.

    "Up to date" means: the app jar and ``target/lib`` exist and ``target/.build-stamp`` (written
    only after a successful build) holds the hash of ``pom.xml`` and the Java sources. A changed
    pom.xml or Main.java therefore triggers a rebuild; an interrupted build leaves no stamp.
    Maven downloads what it lacks (about 125 MB on an empty ~/.m2); nothing forces offline mode.
    Safe to call from several processes at once (file lock).
    """
    with _build_lock:
        if not force and _is_built():
            return TARGET_DIR
        mvn = find_mvn()
        find_java()  # fail early with a clear message
        TARGET_DIR.mkdir(exist_ok=True)
        with open(TARGET_DIR / ".build.lock", "w") as lock:
            _flock(lock)
            if not force and _is_built():  # another process built it meanwhile
                return TARGET_DIR
            with contextlib.suppress(FileNotFoundError):
                STAMP.unlink()
            cmd = [mvn, "-q", "-B", "package", "-DskipTests"]
            t0 = time.monotonic()
            try:
                proc = subprocess.run(
                    cmd,
                    cwd=MODULE_DIR,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=BUILD_TIMEOUT_S,
                )
            except subprocess.TimeoutExpired as e:
                raise RuntimeError(f"Maven build of {MODULE_DIR} timed out after {BUILD_TIMEOUT_S} s") from e
            if proc.returncode != 0:
                tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-50:])
                raise RuntimeError(
                    f"Maven build failed ({' '.join(cmd)} in {MODULE_DIR}, exit {proc.returncode}, "
                    f"{time.monotonic() - t0:.0f} s). Last lines:\n{tail}"
                )
            if not APP_JAR.is_file() or not any(LIB_DIR.glob("*.jar")):
                raise RuntimeError(f"Maven build succeeded but {APP_JAR} or {LIB_DIR}/*.jar is missing")
            STAMP.write_text(_fingerprint() + "\n")
    return TARGET_DIR


def _flock(f) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux
        return
    fcntl.flock(f.fileno(), fcntl.LOCK_EX)


# --------------------------------------------------------------------------- driver


def ensure_driver() -> None:
    """Install the official Python driver (``neo4j>=5.20``, as the project needs) if missing."""
    if importlib.util.find_spec("neo4j") is not None:
        return
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "neo4j>=5.20"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pip install neo4j failed:\n{proc.stdout}\n{proc.stderr}")
    importlib.invalidate_caches()


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java_command(
    home: Path,
    port: int,
    import_dir: Path,
    *,
    java: str | None = None,
    heap: str | None = None,
    pagecache: str = "64m",
    auth: bool = False,
) -> list[str]:
    """The exact command line that starts the server (also handy to run it by hand). With ``auth`` the
    server reads the password from the first line of its stdin: it is never on the command line."""
    heap = heap or os.environ.get("NEO4J_TEST_HEAP", "512m")
    cmd = [
        java or find_java(),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        *shlex.split(os.environ.get("NEO4J_TEST_JVM_OPTS", "")),
        "-cp",
        f"{APP_JAR}{os.pathsep}{LIB_DIR}{os.sep}*",
        MAIN_CLASS,
        "--home",
        str(home),
        "--port",
        str(port),
        "--import-dir",
        str(import_dir),
        "--pagecache",
        pagecache,
    ]
    if auth:
        cmd += ["--auth", "stdin"]
    return cmd


class Neo4jTestServer:
    """A throw-away Neo4j server in a child JVM. Use as a context manager (or start()/stop()).

    Attributes after start: ``uri`` (``bolt://127.0.0.1:PORT``), ``port``, ``auth`` (None, or
    ``("neo4j", password)``), ``home_dir``, ``import_dir`` (LOAD CSV ``file:///`` root),
    ``startup_seconds`` (process start to READY).
    """

    database = "neo4j"

    def __init__(
        self,
        *,
        password: str | None = None,
        heap: str | None = None,
        pagecache: str = "64m",
        startup_timeout: float = 120.0,
        stop_timeout: float = 20.0,
        base_dir: str | Path | None = None,
        keep_files: bool = False,
    ) -> None:
        if password is not None and len(password) < 8:
            raise ValueError("Neo4j requires passwords of at least 8 characters")
        if password is not None and ("\n" in password or "\r" in password):
            raise ValueError("the test server reads the password as one line of its stdin: no line breaks")
        self.password = password
        self.heap = heap
        self.pagecache = pagecache
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.base_dir = Path(base_dir) if base_dir else None
        self.keep_files = keep_files

        self.port: int | None = None
        self.workdir: Path | None = None
        self.home_dir: Path | None = None
        self.import_dir: Path | None = None
        self.startup_seconds: float | None = None
        self.command: list[str] | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._lines: collections.deque[str] = collections.deque(maxlen=500)
        self._ready = threading.Event()
        self._driver: Any = None

    # -- properties -------------------------------------------------------------------------

    @property
    def uri(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else ("neo4j", self.password)

    @property
    def env(self) -> dict[str, str]:
        """NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE for child processes."""
        env = {"NEO4J_URI": self.uri, "NEO4J_DATABASE": self.database}
        if self.password is not None:
            env.update(NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=self.password)
        return env

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def output_tail(self, n: int = 50) -> str:
        """The last ``n`` lines the JVM wrote to stdout/stderr."""
        return "".join(list(self._lines)[-n:])

    def debug_log_tail(self, n: int = 50) -> str:
        log = self.home_dir / "logs" / "debug.log" if self.home_dir else None
        if not log or not log.is_file():
            return ""
        return "".join(log.read_text(errors="replace").splitlines(keepends=True)[-n:])

    # -- lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> Neo4jTestServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> Neo4jTestServer:
        if self._proc is not None:
            raise RuntimeError("already started")
        ensure_driver()
        ensure_built()
        java = find_java()
        self.workdir = Path(tempfile.mkdtemp(prefix="neo4j-test-", dir=self.base_dir))
        self.home_dir = self.workdir / "home"
        self.import_dir = self.workdir / "import"
        self.import_dir.mkdir(parents=True)
        atexit.register(self.stop)
        last_error: Exception | None = None
        for _attempt in range(3):  # a free port can be taken between probe and bind: retry
            try:
                self._launch(java)
                return self
            except _PortInUse as e:
                last_error = e
                shutil.rmtree(self.home_dir, ignore_errors=True)
            except BaseException:
                self.stop()
                raise
        self.stop()
        raise RuntimeError(f"Neo4j test server could not bind a port after 3 tries: {last_error}")

    def _launch(self, java: str) -> None:
        self.port = _free_port()
        self._lines.clear()
        self._ready.clear()
        self.command = java_command(
            self.home_dir,
            self.port,
            self.import_dir,
            java=java,
            heap=self.heap,
            pagecache=self.pagecache,
            auth=self.password is not None,
        )
        t0 = time.monotonic()
        self._proc = subprocess.Popen(
            self.command,
            cwd=self.workdir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        if self.password is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.write(self.password + "\n")
            self._proc.stdin.flush()
        self._reader = threading.Thread(target=self._read_output, args=(self._proc,), daemon=True)
        self._reader.start()
        deadline = t0 + self.startup_timeout
        while not self._ready.wait(0.05):
            if self._proc.poll() is not None:
                self._reader.join(5)
                if self._ready.is_set():
                    break
                out = self.output_tail(50)
                proc, self._proc = self._proc, None
                if "Address already in use" in out or "BindException" in out:
                    raise _PortInUse(f"port {self.port} in use")
                raise RuntimeError(
                    f"Neo4j test server exited with code {proc.returncode} before READY.\n"
                    f"Command: {' '.join(self.command)}\n"
                    f"--- last 50 lines of JVM output ---\n{out}"
                    f"--- last 50 lines of {self.home_dir}/logs/debug.log ---\n{self.debug_log_tail(50)}"
                )
            if time.monotonic() > deadline:
                out = self.output_tail(50)
                self._kill()
                raise RuntimeError(
                    f"Neo4j test server did not print READY within {self.startup_timeout:.0f} s.\n"
                    f"Command: {' '.join(self.command)}\n"
                    f"--- last 50 lines of JVM output ---\n{out}"
                    f"--- last 50 lines of {self.home_dir}/logs/debug.log ---\n{self.debug_log_tail(50)}"
                )
        if not self.running:
            raise RuntimeError(f"Neo4j test server died right after READY:\n{self.output_tail(50)}")
        self.startup_seconds = time.monotonic() - t0

    def _read_output(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self._lines.append(line)
            if line.startswith("READY "):
                self._ready.set()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        self._close_pipes(proc)

    @staticmethod
    def _close_pipes(proc: subprocess.Popen[str]) -> None:
        for f in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError, ValueError):
                if f:
                    f.close()

    def stop(self) -> None:
        """Close the driver, close the JVM's stdin (it shuts down cleanly), kill after 20 s."""
        if self._driver is not None:
            with contextlib.suppress(Exception):
                self._driver.close()
            self._driver = None
        proc, self._proc = self._proc, None
        if proc is not None:
            with contextlib.suppress(OSError, ValueError):
                if proc.stdin:
                    proc.stdin.close()
            try:
                proc.wait(self.stop_timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(10)
            if self._reader is not None:
                self._reader.join(5)
            self._close_pipes(proc)
        if self.workdir is not None and not self.keep_files:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)

    # -- working with the database ----------------------------------------------------------

    def driver(self):
        """A shared ``neo4j.Driver`` for this server (closed on stop)."""
        if self._driver is None:
            from neo4j import GraphDatabase

            self._driver = GraphDatabase.driver(self.uri, auth=self.auth)
        return self._driver

    def reset(self, *, drop_lookup_indexes: bool = False) -> None:
        """Empty the database: delete all nodes and relationships, drop all constraints and
        indexes (keeping the two default token LOOKUP indexes unless told otherwise)."""
        with self.driver().session(database=self.database) as session:
            # Auto-commit transaction: CALL {...} IN TRANSACTIONS is only allowed there.
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            for name in session.run("SHOW CONSTRAINTS YIELD name RETURN name").value():
                session.run(f"DROP CONSTRAINT {_quote(name)} IF EXISTS").consume()
            query = "SHOW INDEXES YIELD name, type RETURN name, type"
            for name, type_ in session.run(query).values():
                if type_ == "LOOKUP" and not drop_lookup_indexes:
                    continue
                session.run(f"DROP INDEX {_quote(name)} IF EXISTS").consume()


def contents(driver: Any, database: str) -> dict[str, int]:
    """What a database holds: nodes, relationships, constraints and indexes (the two default token
    LOOKUP indexes of every fresh database not counted). All zero: empty, safe to wipe."""
    with driver.session(database=database) as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        relationships = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
        constraints = len(session.run("SHOW CONSTRAINTS YIELD name RETURN name").value())
        indexes = len(session.run("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN type").value())
    return {"nodes": nodes, "relationships": relationships, "constraints": constraints, "indexes": indexes}


class NotEmpty(RuntimeError):
    """A database that something wanted to wipe holds data: it was left as it was."""


def claim_empty(driver: Any, database: str, where: str, who: str) -> None:
    """Raise NotEmpty unless ``database`` is empty: ``who`` (a benchmark, the test session) wipes the
    database it uses, so it may only use one that holds nothing. Reads only; nothing is changed."""
    found = contents(driver, database)
    if any(found.values()):
        held = ", ".join(f"{n} {what}" for what, n in found.items())
        raise NotEmpty(
            f"{who} refuses database {database!r} at {where}: it is not empty ({held}), and {who} deletes "
            "every node, constraint and index of the database it uses. Nothing was changed. Give it an empty "
            "database, or let it start a server of its own."
        )


class _PortInUse(RuntimeError):
    pass


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


if __name__ == "__main__":  # python tests/neo4j_server/launcher.py  -> run a server by hand
    with Neo4jTestServer(keep_files="--keep" in sys.argv) as srv:
        print(f"Neo4j {srv.uri} up in {srv.startup_seconds:.1f} s; import dir {srv.import_dir}")
        print("command:", " ".join(srv.command or []))
        print("Ctrl-C to stop")
        with contextlib.suppress(KeyboardInterrupt):
            while srv.running:
                time.sleep(1)
