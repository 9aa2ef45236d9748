"""Grades and tiers: which doctors may cover which work.

A doctor covers a slot only if their tier is at least the slot's tier, so the order of
:class:`Tier` is the order of seniority. Only the three resident tiers strike.
"""

from __future__ import annotations

import enum
import re


class Tier(enum.IntEnum):
    """Seniority tiers, lowest first."""

    FOUNDATION = 1
    CORE = 2
    REGISTRAR = 3
    SAS = 4
    CONSULTANT = 5

    @property
    def is_resident(self) -> bool:
        """Residents (Foundation, Core, Registrar) are the doctors who strike."""
        return self <= Tier.REGISTRAR

    @property
    def label(self) -> str:
        return _TIER_LABELS[self]


_TIER_LABELS = {
    Tier.FOUNDATION: "Foundation",
    Tier.CORE: "Core",
    Tier.REGISTRAR: "Registrar",
    Tier.SAS: "SAS",
    Tier.CONSULTANT: "Consultant",
}


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# Whole-word forms first; patterns are tried on the squashed grade (lower case, no spaces or
# punctuation), so "ST 3", "St3" and "ST-3" read alike.
_TIER_PATTERNS: tuple[tuple[str, Tier], ...] = (
    (r"^(foundation|fy[12]|f[12]|fy|fdn)$", Tier.FOUNDATION),
    (r"^(core|sho|cst|cst[12]|cmt[12]?|ct[1-3]|st[12]|imt[1-3]?|accs.*|gpst[1-4]?|gpvts?|gptrainee"
     r"|dct[1-3]?|led|trustgrade|trustdoctor|clinicalfellow|trustfellow|fellow|juniorfellow"
     r"|juniorclinicalfellow|jcf|locallyemployeddoctor)$", Tier.CORE),
    (r"^(registrar|reg|str|spr|st[3-8]|sr|seniorfellow|seniorclinicalfellow|scf|hst|"
     r"specialtyregistrar|specialistregistrar|ahst)$", Tier.REGISTRAR),
    (r"^(sas|specialtydoctor|specialitydoctor|staffgrade|associatespecialist|specialist|"
     r"specialtydr|spdr)$", Tier.SAS),
    (r"^(consultant|cons|con|locumconsultant)$", Tier.CONSULTANT),
)

def tier_of_grade(grade: str) -> Tier | None:
    """The tier of a grade as written in a rota, or None if it is not recognised.

    Tier names themselves (``Registrar``, ``SAS``) are read as their tier; a ``Locum`` or
    ``Bank`` prefix is ignored, so ``Locum registrar`` is a registrar. Grades written with a
    note (``Specialty Registrar (ST4)``) or a range (``CT1/2``) are read by their parts.
    """
    for text in _readings(grade):
        tier = _match(text)
        if tier is not None:
            return tier
    return _by_keyword(_squash(grade))


def _readings(grade: str) -> list[str]:
    """The whole grade, then without brackets, then what is in brackets, then each part."""
    outside = re.sub(r"\(.*?\)", " ", grade)
    inside = re.findall(r"\((.*?)\)", grade)
    parts = re.split(r"[/,;&]| or | and ", outside)
    return [grade, outside, *inside, *parts]


def _match(text: str) -> Tier | None:
    squashed = _squash(text)
    for prefix in ("locum", "bank", "agency"):
        if squashed.startswith(prefix) and len(squashed) > len(prefix):
            squashed = squashed[len(prefix):]
    if not squashed:
        return None
    for pattern, tier in _TIER_PATTERNS:
        if re.match(pattern, squashed):
            return tier
    return None


_KEYWORDS: tuple[tuple[str, Tier], ...] = (
    ("consultant", Tier.CONSULTANT),
    ("associatespecialist", Tier.SAS), ("specialtydoctor", Tier.SAS),
    ("specialitydoctor", Tier.SAS), ("specialitydr", Tier.SAS), ("staffgrade", Tier.SAS),
    ("registrar", Tier.REGISTRAR),
    ("foundation", Tier.FOUNDATION),
    ("coretrainee", Tier.CORE), ("seniorhouseofficer", Tier.CORE), ("clinicalfellow", Tier.CORE),
)


def _by_keyword(squashed: str) -> Tier | None:
    for word, tier in _KEYWORDS:
        if word in squashed:
            return tier
    return None
