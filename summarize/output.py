"""Write results atomically: a temp file in the target folder, then a rename."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from summarize.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path, option: str = "-o") -> None:
    """Fail now, before any model runs, if ``path`` cannot be written atomically: a folder,
    a missing folder, or a place where no file can be made (read-only, /proc)."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name, e.g. {option} {path / 'summary.txt'}")
    if not directory.is_dir():
        raise OutputError(f"{path}: folder {directory} does not exist; create it or choose another {option}")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: not writable (permission denied); choose another {option}")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        why = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.EROFS: "read-only file system", errno.ENOSPC: "no space left"}.get(
            exc.errno or 0, "its file system takes no new files")
        raise OutputError(f"{path}: no file can be written in {directory} ({why}); choose another {option}") from None
    os.close(fd)
    os.unlink(tmp)


def write_atomic(path: Path, content: str) -> None:
    check_writable(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a result file gets the usual mode
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: write failed ({exc.strerror}); check space and permissions") from None
