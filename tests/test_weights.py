"""Weight assembly from installed part packages, on small parts made by the test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarize.backends.weights import WeightsSpec, assemble, part_files
from summarize.errors import ModelUnavailableError


def _install_parts(site: Path, chunks: list[bytes]) -> tuple[str, ...]:
    """Write dist-info folders the way pip does, so importlib.metadata finds them."""
    names = []
    for i, chunk in enumerate(chunks, start=1):
        name = f"fake-model-part{i}"
        module = f"fake_model_part{i}"
        (site / module / "data").mkdir(parents=True)
        (site / module / "data" / f"part{i:02d}.bin").write_bytes(chunk)
        info = site / f"{module}-0.2.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.2.0\n")
        (info / "RECORD").write_text(f"{module}/__init__.py,,\n{module}/data/part{i:02d}.bin,,\n")
        names.append(name)
    return tuple(names)


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    site.mkdir()
    chunks = [b"GGUF" + bytes(range(256)) * 40, b"second part" * 100, b"tail"]
    names = _install_parts(site, chunks)
    monkeypatch.syspath_prepend(str(site))
    blob = b"".join(chunks)
    spec = WeightsSpec(packages=names, size=len(blob), sha256=hashlib.sha256(blob).hexdigest(),
                       filename="model.gguf")
    return spec, blob, site


def test_parts_are_found_in_order_and_assembled_once(parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, blob, _ = parts
    assert [p.name for p in part_files(spec.packages)] == ["part01.bin", "part02.bin", "part03.bin"]
    target = assemble(spec, tmp_path / "cache")
    assert target.read_bytes() == blob
    mtime = target.stat().st_mtime_ns
    assert assemble(spec, tmp_path / "cache") == target
    assert target.stat().st_mtime_ns == mtime  # re-used, not rebuilt
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["model.gguf", "model.gguf.verified"]


def test_a_corrupt_part_is_refused_and_leaves_nothing(parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, _, site = parts
    (site / "fake_model_part2" / "data" / "part02.bin").write_bytes(b"tampered")
    with pytest.raises(ModelUnavailableError) as info:
        assemble(spec, tmp_path / "cache")
    assert "sha256" in str(info.value) and "--model-path" in str(info.value)
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_tampered_cached_file_is_rebuilt(parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, blob, _ = parts
    target = assemble(spec, tmp_path / "cache")
    target.write_bytes(b"x" * len(blob))
    assert assemble(spec, tmp_path / "cache").read_bytes() == blob


def test_a_missing_package_says_how_to_fix(tmp_path: Path) -> None:
    spec = WeightsSpec(packages=("no-such-model-part1",), size=1, sha256="0" * 64)
    with pytest.raises(ModelUnavailableError) as info:
        assemble(spec, tmp_path)
    assert "no-such-model-part1" in str(info.value) and "reinstall" in str(info.value)


def test_the_real_parts_are_installed() -> None:
    """The project's install brings all 22 parts of the default model."""
    paths = part_files(WeightsSpec().packages)
    assert len(paths) == 22
    assert sum(p.stat().st_size for p in paths) == WeightsSpec().size
