"""The post-model passes, in the order they run, and which run for which model.

``verify`` passes check the reply against the text and hold for any model: they
resolve names and citations, flag what the text does not support and remove only
repeats and items naming nobody. ``small-model`` passes make up for the habits of
a 1.5B model (roles the wrong way round, outcomes typed alike, items left out) by
reading the sentences in code; they run by default on the embedded model only,
because on a strong model's reply a correction is more often a loss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarize.compose import additions, checks, citations, reply, roles
from summarize.compose.state import Composition
from summarize.errors import ConfigError

VERIFY, SMALL_MODEL = "verify", "small-model"


@dataclass(frozen=True)
class Pass:
    name: str
    run: Callable[[Composition], None]
    kind: str  # VERIFY or SMALL_MODEL
    does: str  # one line for the README and --help


def _setting(c: Composition) -> None:
    """A pass that is a setting: compose() reads whether it is selected."""


PASSES: list[Pass] = [
    Pass("merge-names", _setting, SMALL_MODEL,
         "an item's name inside a listed one, or around it, is that actor ('Trump campaign' for Trump)"),
    Pass("override-roles", _setting, SMALL_MODEL,
         "the sentence's reading of roles is added to the model's even where its actors are named too"),
    Pass("quoted-speakers", reply.quoted_speakers, SMALL_MODEL, "lists people and bodies the article quotes"),
    Pass("event-subjects", reply.event_subject_names, SMALL_MODEL,
         "lists people and bodies a sentence names as the subject of an outcome"),
    Pass("read-items", reply.read_items, VERIFY, "names to actor ids; drops items naming no actor"),
    Pass("claim-roles", roles.claim_worded_roles, SMALL_MODEL, "accusers and accused as the claim words them"),
    Pass("sentence-roles", roles.sentence_roles, SMALL_MODEL,
         "roles as the cited sentence has them, and whom it reports the claim from; flags self-accusation"),
    Pass("ground", citations.ground_items, VERIFY, "citations to exact spans; flags unsupported items"),
    Pass("outcome-types", checks.outcome_types, SMALL_MODEL,
         "re-types an outcome its words do not report; flags one of the shape's types"),
    Pass("outcome-actors", roles.sentence_outcome_actors, SMALL_MODEL, "an outcome's actors as its sentence names them"),
    Pass("repeats", checks.repeats, VERIFY, "removes an item listed twice"),
    Pass("same-event", checks.same_events, SMALL_MODEL, "removes an outcome of the type and actors of another"),
    Pass("stated-accusations", additions.stated_accusations, SMALL_MODEL,
         "adds accusations worded with a verb of accusing"),
    Pass("denial-wording", checks.denial_wording, SMALL_MODEL, "flags a denial that words no denial, unless the accused answers"),
    Pass("link-denials", additions.link_denials, SMALL_MODEL, "links an unlinked denial to its allegation"),
    Pass("stated-events", additions.stated_events, SMALL_MODEL, "adds outcomes and denials reported in plain words"),
    Pass("doubt", checks.doubt, SMALL_MODEL, "lists items that failed a check apart, as doubted"),
]
_REQUIRED = {"read-items", "ground"}  # without these there is no summary to give


def pass_names(kind: str | None = None) -> list[str]:
    return [p.name for p in PASSES if kind is None or p.kind == kind]


def default_passes(embedded: bool) -> list[str]:
    """Every pass on the embedded model; the verifying ones on any other endpoint."""
    return pass_names() if embedded else pass_names(VERIFY)


def parse_passes(spec: str, embedded: bool) -> list[str]:
    """``all``, ``verify``, ``default``, or a comma-separated list of pass names, where
    ``-name`` takes one off the default ("default,-stated-events" or just "-stated-events")."""
    chosen: list[str] = []
    for word in (w.strip() for w in spec.split(",")):
        if word in ("all", "verify", "default"):
            chosen += {"all": pass_names(), "verify": pass_names(VERIFY), "default": default_passes(embedded)}[word]
        elif word.startswith("-") and word[1:] in pass_names():
            chosen = [n for n in (chosen or default_passes(embedded)) if n != word[1:]]
        elif word in pass_names():
            chosen.append(word)
        elif word:
            raise ConfigError(f"--passes: no pass {word!r}; choose from all, verify, default, "
                              f"{', '.join(pass_names())} (or -NAME to leave one out)")
    return [n for n in pass_names() if n in set(chosen) | _REQUIRED]


def selected(names: list[str] | None) -> list[Pass]:
    """The passes to run, in their fixed order; None is every pass."""
    wanted = set(pass_names() if names is None else names) | _REQUIRED
    return [p for p in PASSES if p.name in wanted]
