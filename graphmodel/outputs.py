"""Where graphmodel writes: only its own file names, never over an input, never through a link, never half a file.

``Outputs`` is a set of files written into one folder, all or none: each file
is written under a hidden temporary name in that folder (``.NAME.XXXX.part``)
and only when every file of the set is written are they renamed into place
(``os.replace``), so an interrupted or failed run leaves the folder as it was.
Before writing, each name is checked: a file given as input is never
replaced (an error), an existing file is replaced and reported, and a
symbolic link at one of the names is replaced itself, never written through
(what it points to is left untouched). A full disk or a missing permission is
one ``GraphmodelError`` naming the file, with the temporary files removed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from types import TracebackType

from .errors import GraphmodelError


@lru_cache(maxsize=1)
def _file_mode() -> int:
    """The mode a new file gets here (0666 less the umask): mkstemp's 0600 would hide the report from others."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _identity(path: Path, follow: bool) -> tuple[int, int] | None:
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class Outputs:
    """Files written into ``folder`` as one set: all renamed into place at the end, or none.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Outputs(folder) as out:
    ...     _ = out.write("a.txt", lambda path: path.write_text("hej"))
    >>> [p.name for p in out.written], (folder / "a.txt").read_text()
    (['a.txt'], 'hej')
    """

    def __init__(self, folder: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()):
        self.folder = Path(folder)
        self.inputs = [Path(p) for p in inputs]
        self.written: list[Path] = []  # in the order written
        self.replaced: list[str] = []  # how each replaced file is described to the user
        self._pending: list[tuple[Path, Path]] = []  # (temporary, final)

    def __enter__(self) -> Outputs:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError as err:
            raise GraphmodelError(
                f"cannot write into {str(self.folder)!r}: it is a file, not a folder. Choose a folder with -o."
            ) from err
        except OSError as err:
            raise GraphmodelError(
                f"cannot create the folder {str(self.folder)!r}: {err.strerror or err}. Choose another folder with -o."
            ) from err
        self._input_ids = {i for i in (_identity(p, follow=True) for p in self.inputs) if i}
        self._input_paths = {os.path.abspath(p) for p in self.inputs}
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self._discard()
            return
        self._commit()

    def target(self, name: str) -> Path:
        """The final path of ``name``, after checking that writing it harms nothing that must stay."""
        target = self.folder / name
        # A link at the name is replaced itself, so only the name, or the very file under it, is an input.
        if os.path.abspath(target) in self._input_paths or _identity(target, follow=False) in self._input_ids:
            raise GraphmodelError(
                f"will not write {str(target)!r}: it is one of the input files. Choose another output with -o."
            )
        if target.is_symlink():
            self.replaced.append(
                f"{target} (a link to {os.readlink(target)}; the link is replaced, what it points to is left as it was)"
            )
        elif target.is_dir():
            raise GraphmodelError(
                f"cannot write {str(target)!r}: a folder of that name is in the way. "
                "Move it or choose another folder with -o."
            )
        elif target.exists():
            self.replaced.append(str(target))
        return target

    def reserve(self, name: str) -> Path:
        """The temporary file for ``name``, to be filled (here, or by a second process) before the set is done."""
        target = self.target(name)
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.folder)
            os.close(handle)
            self._pending.append((Path(temporary), target))
            os.chmod(temporary, _file_mode())
        except OSError as err:
            raise cannot_write(target, err) from err
        return Path(temporary)

    def write(self, name: str, write: Callable[[Path], object]) -> Path:
        """Call ``write(temporary_path)`` for the file ``name``; it is put in place when the set is done."""
        temporary = self.reserve(name)
        target = self.folder / name
        try:
            write(temporary)
        except OSError as err:
            raise cannot_write(target, err) from err
        return target

    def write_text(self, name: str, text: str | Iterable[str], encoding: str = "utf-8") -> Path:
        """A text file from one string or from pieces (written one after another, never joined)."""

        def write(path: Path) -> None:
            with path.open("w", encoding=encoding, newline="\n") as handle:
                if isinstance(text, str):
                    handle.write(text)
                else:
                    for piece in text:
                        handle.write(piece)

        return self.write(name, write)

    def _commit(self) -> None:
        done: list[Path] = []
        try:
            for temporary, target in self._pending:
                os.replace(temporary, target)
                done.append(target)
        except OSError as err:
            self._discard()
            raise GraphmodelError(
                f"cannot put {str(target)!r} in place: {err.strerror or err}"
                + (f" ({len(done)} of {len(self._pending)} files were already replaced)" if done else "")
                + ". Choose another folder with -o."
            ) from err
        self.written = done
        self._pending = []

    def _discard(self) -> None:
        for temporary, _ in self._pending:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        self._pending = []


def cannot_write(target: Path, err: OSError) -> GraphmodelError:
    """The error for a file that could not be written: what happened, and what the user can do."""
    return GraphmodelError(
        f"cannot write {str(target)!r}: {err.strerror or err}. Free some space, choose another "
        "folder with -o, or close the file if another program has it open."
    )


def write_file(
    path: str | os.PathLike[str], write: Callable[[Path], object], inputs: Iterable[str | os.PathLike[str]] = ()
) -> tuple[Path, list[str]]:
    """One file written as ``Outputs`` writes a set; returns its path and what it replaced."""
    path = Path(path)
    with Outputs(path.parent, inputs) as out:
        out.write(path.name, write)
    return path, out.replaced
