"""Turn the model's actor names into one deduplicated table with ids and aliases.

Small models list "Flynn" and "Michael Flynn" separately, invent first names
("Vladimir Kislyak" where the article says "Sergei Kislyak") and refer to
actors they never listed. Here each name is checked against the article,
merged with the actor it denotes, and given the article's own surface forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from summarize.schema import Actor, ActorKind
from summarize.wording import Named

_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "president", "vice", "sen", "senator", "rep", "gov",
    "governor", "gen", "general", "minister", "judge", "sir", "dame", "lord", "lady", "the",
}
# Words of a person's title before their name ("Senator", "police chief"): the article may
# refer back to them as "the senator", "the chief".
TITLE_WORDS = {
    "senator", "governor", "mayor", "minister", "secretary", "chairman", "chairwoman", "chair", "president",
    "director", "chief", "executive", "judge", "sheriff", "prosecutor", "attorney", "lawyer", "spokesman",
    "spokeswoman", "spokesperson", "commissioner", "councillor", "councilman", "councilwoman", "congressman",
    "congresswoman", "representative", "candidate", "leader", "coach", "captain", "manager", "officer",
    "engineer", "auditor", "inspector", "ambassador", "premier", "chancellor", "treasurer", "adviser", "advisor",
    "aide", "superintendent", "principal", "professor", "founder", "owner", "developer", "agent", "editor",
    "reporter", "general", "colonel", "detective", "deputy", "head", "governor-general", "speaker", "whip",
    "mp", "lawmaker", "legislator", "senator-elect", "nominee", "challenger", "incumbent", "official",
}
# Capitalised before a name, or at a sentence's start, but no part of a name.
NOT_NAMES = _TITLES | {
    "a", "an", "but", "and", "or", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their",
    "its", "this", "that", "these", "those", "in", "on", "at", "for", "with", "by", "from", "as", "if", "when",
    "while", "after", "before", "then", "there", "here", "what", "who", "why", "how", "some", "many", "most",
    "one", "two", "three", "another", "other", "others", "both", "all", "each", "several", "sources",
    "officials", "critics", "experts", "analysts", "aides", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
# A title that only a person bears: "Mrs. Clinton" is no "Clinton Foundation".
_PERSONAL_TITLES = _TITLES - {"the", "vice"} | {"miss"}
_NOT_PEOPLE = {ActorKind.organisation, ActorKind.government, ActorKind.media, ActorKind.country}


_SPACED_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")


def normalise_name(name: str) -> str:
    """Case-folded words without punctuation, titles or a leading 'the'."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    words = [w.strip(".'-") for w in _WORD.findall(text)]
    while words and words[0].strip(".") in _TITLES:
        words = words[1:]
    return " ".join(w for w in words if w)


_NAME_WORDS = 12  # "the city council of Ashford Vale and its officers" is clumsy but names someone
_SENTENCE_LIKE = re.compile(r"\s.*[!?]|\w{5,}\.$|n[’']t\b|\bI[’']m\b")  # "Yahoo!" is a name


def reads_like_a_name(name: str) -> bool:
    """False for what a small model sometimes lists as an actor: a quoted sentence
    ("Who cares?", "Not important enough, I guess."). "Henderson, Nev." passes."""
    return len(name.split()) <= _NAME_WORDS and not _SENTENCE_LIKE.search(name.strip())


def _contains_words(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "


def _contained(longer: str, shorter: str) -> bool:
    return bool(shorter) and shorter != longer and f" {shorter} " in f" {longer} "


def _same_name(longer: str, longer_key: str, shorter: str) -> bool:
    """Whether the shorter normalised name is the longer one less words before it, or less
    capitalised words after it (``longer`` as written, ``longer_key`` normalised)."""
    if not shorter or shorter == longer_key:
        return False
    if f" {longer_key}".endswith(f" {shorter}"):
        return True
    if not f"{longer_key} ".startswith(f"{shorter} "):
        return False
    extra = len(longer_key.split()) - len(shorter.split())
    return _capitalised(longer.split()[-extra:])


def _held_names(key: str, entries: list[_Entry]) -> list[_Entry]:
    """Of the listed actors a longer name holds, the one it ends with ("FBI Director James
    Comey" is Comey: the head comes last), else the one named at greatest length ("Clinton
    Foundation staff" is the Foundation, not Clinton)."""
    ends = [e for e in entries if any(f" {key}".endswith(f" {f}") for f in e.forms)]
    if ends:
        return ends
    held = {id(e): max((len(f.split()) for f in e.forms if _contained(key, f)), default=0) for e in entries}
    longest = max(held.values())
    return [e for e in entries if longest and held[id(e)] == longest]


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_LINKING = {"of", "the", "and", "for", "on", "in", "&"}


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of ``long``: "DNC" for "Democratic National
    Committee", "FBI" for "Federal Bureau of Investigation"."""
    short = short.strip().removeprefix("the ").removeprefix("The ")
    if not _ACRONYM.fullmatch(short):
        return False
    words = [w for w in re.split(r"[\s-]+", long.strip()) if w and w.casefold() not in _LINKING]
    return len(words) == len(short) and _capitalised(words) and "".join(w[0] for w in words) == short


# a common noun before "of", "for" or "to" heads the name: "a lawyer for Harold Brennan"
# is the lawyer, where "Secretary of State John Kerry" is Kerry
_DESCRIBED_BY = re.compile(r"(?:^|\s)[a-z][\w'\u2019-]*\s+(?:of|for|to)\s")


def _titled(name: str) -> bool:
    """Whether the name is a person's, by the title before it ("Mrs. Clinton", "Sen. Warren")."""
    words = name.split()
    return len(words) > 1 and words[0].strip(".").casefold() in _PERSONAL_TITLES


def _capitalised(words: list[str]) -> bool:
    """Whether every word starts with a capital, as the words of a name do."""
    return all(w[0].isupper() for w in words)


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


@dataclass
class _Entry:
    name: str
    kind: ActorKind
    role: str
    forms: set[str] = field(default_factory=set)  # normalised names that denote it
    spelled: dict[str, str] = field(default_factory=dict)  # each form as it was written


class ActorTable:
    def __init__(self, text: str, loose: bool = False) -> None:
        """``loose``: once the actor list is in (``freeze``), a name contained in another,
        word-wise, denotes the same actor ("Trump" and "Trump campaign"): how a small model's
        sloppy names in its items are best read. The list itself is read strictly: a reply
        that lists "Sanders" and "the Sanders campaign" means two actors."""
        self._loose = loose
        self._text = text
        self._folded = normalise_name(text)
        self._entries: list[_Entry] = []
        self._frozen = False
        self.rejected: list[str] = []  # names that read like sentences, in the order met
        self.revision = 0  # changes whenever an actor, name, kind or form does: for caches
        self._ids_cache: tuple[int, list[str]] = (-1, [])

    @classmethod
    def listing(cls, text: str, actors: Iterable[Any], loose: bool = False) -> ActorTable:
        """The table of a reply's listed actors (each with ``name``, ``kind``, ``role``),
        frozen."""
        table = cls(text, loose=loose)
        for actor in actors:
            table.add(actor.name, actor.kind, actor.role)
        table.freeze()
        return table

    def freeze(self) -> None:
        """From now on names stay put, so ids handed out stay valid."""
        self._frozen = True

    def add(self, name: str, kind: ActorKind = ActorKind.other, role: str = "") -> _Entry | None:
        if not reads_like_a_name(name):
            if name not in self.rejected:
                self.rejected.append(name)
            return None
        name = self._canonical(name.strip())
        key = normalise_name(name)
        if not key:
            return None
        entry = self._find(key, name) or self._described(name, key)
        if entry is None:
            entry = _Entry(name=name, kind=kind, role=role.strip(), forms={key}, spelled={key: name})
            self._entries.append(entry)
            self.revision += 1
            return entry
        before = (entry.name, entry.kind, len(entry.forms))
        entry.forms.add(key)
        entry.spelled.setdefault(key, name)
        if not self._frozen and len(key) > len(normalise_name(entry.name)) and _contains_words(key, normalise_name(entry.name)):
            entry.name = name  # keep the fullest form
        if entry.kind is ActorKind.other and kind is not ActorKind.other:
            entry.kind = kind
        entry.role = entry.role or role.strip()
        if (entry.name, entry.kind, len(entry.forms)) != before:
            self.revision += 1
        return entry

    def _find(self, key: str, name: str | None = None) -> _Entry | None:
        for entry in self._entries:
            if key in entry.forms:
                return entry
        candidates = self._overlapping(key, name)
        if len(candidates) > 1:
            candidates = _held_names(key, candidates)
        if not candidates:
            candidates = [e for e in self._entries if e.kind is not ActorKind.person and any(
                _abbreviates(a, name or key) or _abbreviates(name or key, a) for a in e.spelled.values())]
        return candidates[0] if len(candidates) == 1 else None

    def _overlapping(self, key: str, name: str | None = None) -> list[_Entry]:
        """Entries that one of whose forms is the name with words before it ("Flynn" is
        "Michael Flynn") or with capitalised words after it ("Tarncross" is "Tarncross
        Partners"), or the other way round. A lower-case word after a name heads another
        noun: "Wells Fargo employees" and "the Sanders campaign" are not who they name."""
        spelled = name or key
        person = _titled(spelled)
        return [
            e for e in self._entries
            if not (person and e.kind in _NOT_PEOPLE)
            and any(_contained(form, key) or _contained(key, form) if self._loose and self._frozen else
                    _same_name(e.spelled.get(form, form), form, key) or _same_name(spelled, key, form)
                    for form in e.forms)
        ]

    def _described(self, name: str, key: str) -> _Entry | None:
        """The one actor a description heads ("The woman" for "The woman who accused
        Trump of rape", not for "The attorney for the woman"), when it is no name."""
        words = name.split()
        if _capitalised(words[1:] or words):  # "The Kremlin", not "The woman"
            return None
        heads = [e for e in self._entries if any(f.startswith(f"{key} ") for f in e.forms)]
        return heads[0] if len(heads) == 1 else None

    def knows(self, name: str) -> bool:
        """Whether the name could denote a listed actor ("Clinton" with Hillary and Bill
        Clinton listed), so that adding it would list someone twice."""
        key = normalise_name(name)
        return not key or any(key in e.forms for e in self._entries) or bool(self._overlapping(key))

    def _canonical(self, name: str) -> str:
        """The name as the article writes it: a made-up first name gives way to the text's,
        and initials the model spaced out ("U. S. government") to the text's "U.S."."""
        closed = _SPACED_INITIALS.sub(r"\1.", name)
        if closed != name and closed in self._text:
            name = closed
        key = normalise_name(name)
        if not key:
            return name
        if _contains_words(self._folded, key):
            return self._named_after(name)
        words = name.split()
        if len(words) < 2 or not _capitalised(words):  # "the attorney for the woman" is no name
            return self._named_after(name)
        surname = re.escape(words[-1])
        for match in re.finditer(rf"\b([A-ZÀ-ÖØ-Þ][\w’'-]+) {surname}\b", self._text):
            if match.group(1).casefold() not in NOT_NAMES:  # not "Both Kowalczyk"
                return f"{match.group(1)} {words[-1]}"
        return name

    def _named_after(self, description: str) -> str:
        """The name a description stands before in the article: "Republican presidential
        nominee Donald Trump" gives "Donald Trump"; a name or an unmatched description
        stays as it is."""
        words = description.split()
        if len(words) < 2 or _capitalised(words):
            return description
        found = re.search(rf"(?<!\w)(?i:{re.escape(description)}) ((?:[A-ZÀ-ÖØ-Þ][\w’'-]+ ){{0,2}}[A-ZÀ-ÖØ-Þ][\w’'-]+)\b",
                          self._text)
        if not found or len(found.group(1).split()) < 2 or found.group(1).split()[0].casefold() in NOT_NAMES:
            return description
        return found.group(1)

    def resolve(self, name: str) -> str | None:
        """The id of the actor a name refers to, adding the actor if it is new."""
        entry = self.add(name)
        return self._id(entry) if entry else None

    def _id(self, entry: _Entry) -> str:
        ids = self._ids()
        return ids[self._entries.index(entry)]

    def _ids(self) -> list[str]:
        if self._ids_cache[0] == self.revision:
            return self._ids_cache[1]
        seen: dict[str, int] = {}
        ids = []
        for entry in self._entries:
            base = slug(entry.name)
            seen[base] = seen.get(base, 0) + 1
            ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
        self._ids_cache = (self.revision, ids)
        return ids

    def actors(self) -> list[Actor]:
        return [
            Actor(id=actor_id, name=e.name, aliases=self._aliases(e), kind=e.kind, role=e.role)
            for actor_id, e in zip(self._ids(), self._entries, strict=True)
        ]

    def named(self) -> list[Named]:
        """Each actor with the forms the sentence readers look for: name, aliases, and the
        descriptions (``descriptions``) that no other actor shares."""
        actors = self.actors()
        shared = [d for a in actors for d in self.descriptions(a.id)]
        owner = self._alias_owners(actors)
        return [Named(a.id, [a.name, *(x for x in a.aliases if owner.get(x.casefold(), a.id) == a.id),
                             *(d for d in self.descriptions(a.id) if shared.count(d) == 1)],
                      a.kind is ActorKind.person) for a in actors]

    def _alias_owners(self, actors: list[Actor]) -> dict[str, str]:
        """An alias two actors share (the surname of a father and of the son named after him)
        stands for the one the article names first: news introduces the main figure first
        and tells a relative apart by the first name. Not the ids' alphabetical order."""
        holders: dict[str, list[Actor]] = {}
        for actor in actors:
            for alias in actor.aliases:
                holders.setdefault(alias.casefold(), []).append(actor)
        owners = {}
        for alias, those in holders.items():
            if len(those) > 1:
                owners[alias] = min(those, key=lambda a: (self._first_mention(a.name), those.index(a))).id
        return owners

    def _first_mention(self, name: str) -> int:
        at = self._folded.find(normalise_name(name))
        return at if at >= 0 else len(self._folded)

    def surface_forms(self, actor_id: str) -> list[str]:
        """Name and aliases, for checking that evidence mentions the actor."""
        entry = self._entries[self._ids().index(actor_id)]
        return [entry.name, *self._aliases(entry)]

    def in_text(self, actor_id: str) -> bool:
        """Whether the article writes one of the actor's names, or the name less words before
        it ("Denver Secretary of State" where it writes "the secretary of state"); a
        possessive counts ("the Board of Control for Cricket in India's unit")."""
        entry = self._entries[self._ids().index(actor_id)]
        endings = {" ".join(words[i:]) for form in entry.forms if (words := form.split())
                   for i in range(max(1, len(words) - 1))}
        return bool(self._aliases(entry)) or any(
            re.search(rf"(?<!\w){re.escape(ending)}(?!\w)", self._folded) for ending in endings)

    def descriptions(self, actor_id: str) -> list[str]:
        """How the article may refer back to an actor: a body by the head of its name ("the
        bank" for Northgate Bank, "the agency" for the Environment Agency), a person by the
        title the article gives them (``_titles``)."""
        entry = self._entries[self._ids().index(actor_id)]
        words = entry.name.split()
        if entry.kind is ActorKind.person:
            return self._titles(entry)
        if len(words) < 2 or not words[-1].isalpha():
            return []
        return [f"the {words[-1].lower()}"]

    def _titles(self, entry: _Entry) -> list[str]:
        """How the article refers back to a person by the title it gives them: "the senator"
        for "Senator Lorna Dizon", "the police chief" for "national police chief Rodrigo
        Estrada", when it writes those words with "the"."""
        words = entry.name.split()
        # the name's own title: up to its last title word ("Transport Minister Colin Prentice")
        lead = max((i + 1 for i, word in enumerate(words[:-1])
                    if word.lower().strip(".") in TITLE_WORDS | _TITLES - {"the"}), default=0)
        candidates = [words[:lead]] if lead else []
        personal = " ".join(words[lead:])
        for match in re.finditer(rf"(?:([A-Za-z-]+) )?([A-Za-z-]+) {re.escape(personal)}\b", self._text):
            candidates.append([w for w in match.groups() if w])
        found: list[str] = []
        for title in candidates:
            title = [w.lower() for w in title]
            if not title or title[-1] not in TITLE_WORDS:
                continue
            for n in (2, 1):
                form = " ".join(["the", *title[-n:]])
                qualifier = title[-n] if n == 2 and len(title) >= 2 else None  # "police" of "police chief"
                if (n == 1 or (qualifier and qualifier.isalpha() and qualifier not in NOT_NAMES - _TITLES)) \
                        and _contains_words(self._folded, form) and form not in found:
                    found.append(form)
        return found

    def _aliases(self, entry: _Entry) -> list[str]:
        """Other forms of the name that occur in the article (e.g. the surname alone)."""
        aliases: list[str] = []
        candidates = [f for f in entry.forms if f != normalise_name(entry.name)]
        words = entry.name.split()
        named = len(words) >= 2 and words[-1][:1].isupper() and not _DESCRIBED_BY.search(entry.name)
        if entry.kind is ActorKind.person and named:
            candidates.append(words[-1])  # a surname, not Brennan of "a lawyer for Brennan"
        for candidate in candidates:
            match = re.search(rf"\b{re.escape(candidate)}\b", self._text, flags=re.IGNORECASE)
            if match and match.group(0) not in aliases and match.group(0) != entry.name:
                aliases.append(match.group(0))
        return aliases
