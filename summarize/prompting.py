"""Load and render the Jinja2 prompt templates in a sandbox.

A prompt folder holds ``system.j2`` (static, so the server can cache it across
articles) and ``user.j2`` (the delimited, sentence-numbered article). The hash
of the folder's templates goes into every summary's provenance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from summarize.errors import ConfigError
from summarize.cues import cues
from summarize.segment import Sentence

TEMPLATES = ("system.j2", "user.j2")


def default_prompt_dir() -> Path:
    """The wheel's copy (summarize/prompts), else the source tree's prompts/."""
    packaged = Path(__file__).parent / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "prompts"


def article_marker(sentences: list[Sentence]) -> str:
    """A delimiter the article cannot contain: it is derived from the article's own hash
    (no text can include its own digest), and deterministic so runs are reproducible."""
    digest = hashlib.sha256("\n".join(s.text for s in sentences).encode()).hexdigest()
    return f"<<<ARTICLE-{digest[:12]}>>>"


@dataclass(frozen=True)
class PromptSet:
    directory: Path
    sources: dict[str, str]
    hash: str
    # Compiled once: compiling is most of a render's cost, and batches render thousands.
    _compiled: dict[str, jinja2.Template] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, directory: Path | None = None) -> PromptSet:
        directory = directory or default_prompt_dir()
        if not directory.is_dir():
            raise ConfigError(f"{directory}: no such prompt folder; pass a folder with {', '.join(TEMPLATES)}")
        sources: dict[str, str] = {}
        for name in TEMPLATES:
            path = directory / name
            if not path.is_file():
                raise ConfigError(f"{path}: missing; a prompt folder needs {', '.join(TEMPLATES)}")
            sources[name] = path.read_text(encoding="utf-8")
        digest = hashlib.sha256()
        for name in TEMPLATES:
            digest.update(name.encode() + b"\0" + sources[name].encode() + b"\0")
        prompts = cls(directory=directory, sources=sources, hash=digest.hexdigest()[:16])
        prompts.render([Sentence(1, 0, 4, "Test")], part=1, parts=1)  # fail now, not mid-batch
        return prompts

    def asks_about_sentences(self) -> bool:
        """Whether ``user.j2`` words a question about one sentence (its ``focus`` branch):
        a folder written without one would send the summary request again instead."""
        probe = [Sentence(1, 0, 4, "Test")]
        return self.render(probe, part=1, parts=1, focus=probe[0]) != self.render(probe, part=1, parts=1)

    def system_prompt(self) -> str:
        """The system message as rendered for a one-part article (static in the shipped prompts)."""
        return self.render([Sentence(1, 0, 4, "Text")], part=1, parts=1)[0]["content"]

    def render(self, sentences: list[Sentence], *, part: int, parts: int,
               focus: Sentence | None = None, section: str = "allegations") -> list[dict[str, str]]:
        """Chat messages for one chunk of an article; with ``focus``, a question about that
        sentence which shares the first request's prefix (the article)."""
        delimiter = article_marker(sentences)
        values = {
            "delimiter": delimiter,
            "sentences": [{"number": s.number, "text": s.text} for s in sentences],
            "part": part,
            "parts": parts,
            "cues": cues(sentences),  # for templates that hint where items may be
            "focus": {"number": focus.number, "text": focus.text, "section": section} if focus else None,
        }
        try:
            system = self._template("system.j2").render(**values)
            user = self._template("user.j2").render(**values)
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{self.directory}: template error: {exc}; fix the template") from None
        return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._compiled:
            env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
            self._compiled[name] = env.from_string(self.sources[name])
        return self._compiled[name]
