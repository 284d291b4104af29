"""Turning stored score parts into the words a counselor reads ("occupation: same middle group; 4 km; wage fits").

The parts are stored as facts (jsonb), so the wording follows the reader's language at display time.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.models import EmploymentType

PART_LABELS = {
    "occupation": gettext_lazy("Occupation"),
    "place": gettext_lazy("Place"),
    "wage": gettext_lazy("Wage"),
    "employment_type": gettext_lazy("Employment type"),
    "hours": gettext_lazy("Hours and shifts"),
    "start_date": gettext_lazy("Start date"),
    "education": gettext_lazy("Education"),
    "experience": gettext_lazy("Experience"),
    "certificates": gettext_lazy("Certificates"),
    "duties_text": gettext_lazy("Duties text"),
    "target_group": gettext_lazy("Target group"),
}


@dataclass
class PartExplanation:
    part: str
    label: str
    text: str
    value: float  # 0–1
    weight: float

    @property
    def percent(self) -> int:
        return round(self.value * 100)

    @property
    def is_strong(self) -> bool:
        return self.value >= 0.75


def _occupation(facts: dict) -> str:
    return {
        "code": _("same occupation"),
        "middle": _("same middle group"),
        "career": _("related through career history"),
        "major": _("same major group"),
    }.get(facts.get("occ_level"), _("different occupation"))


def _place(facts: dict) -> str:
    text = {
        "eupmyeondong": _("same 읍면동"),
        "sigungu": _("same 시군구"),
        "desired": _("in a desired region"),
        "sido": _("same 시도"),
    }.get(facts.get("place_level"), _("another 시도"))
    if facts.get("km") is not None:
        text = _("%(place)s, %(km)s km") % {"place": text, "km": f"{float(facts['km']):.0f}"}
    if facts.get("outside_desired"):
        text = _("%(place)s, outside the desired regions") % {"place": text}
    return text


def _wage(facts: dict) -> str:
    offered, desired = facts.get("wage_offered"), facts.get("wage_desired")
    if not desired or offered is None:
        return _("no wage wish")
    if offered >= desired:
        return _("wage fits")
    return _("wage %(percent)s%% below the wish") % {"percent": round(100 * (desired - offered) / desired)}


def _employment_type(facts: dict) -> str:
    if facts.get("any_type"):
        return _("any employment type wanted")
    kind = (
        EmploymentType(facts["employment_type"]).label if facts.get("employment_type") in EmploymentType.values else ""
    )
    if facts.get("s", 0) >= 1:
        return _("%(kind)s, as wanted") % {"kind": kind}
    return _("%(kind)s, not among the types wanted") % {"kind": kind}


def _hours(facts: dict) -> str:
    if facts.get("weekly_hours") is None:
        text = _("hours not stated")
    elif facts.get("s", 0) >= 0.8:
        text = _("%(hours)s h a week fits") % {"hours": facts["weekly_hours"]}
    else:
        text = _("%(hours)s h a week does not fit") % {"hours": facts["weekly_hours"]}
    if facts.get("shift_conflict"):
        text = _("%(hours)s; night or rotating shifts not wanted") % {"hours": text}
    return text


def _start_date(facts: dict) -> str:
    return _("can start in time") if facts.get("s", 0) >= 1 else _("can start only after the deadline")


def _education(facts: dict) -> str:
    return _("meets the requirement") if facts.get("s", 0) >= 1 else _("below the requirement")


def _experience(facts: dict) -> str:
    required = facts.get("experience_required") or 0
    if not required:
        return _("no experience required")
    held = float(facts.get("experience_held") or 0)
    if held >= required:
        return _("meets the requirement")
    return _("%(held)s of %(required)s years") % {"held": f"{held:.1f}", "required": required}


def _certificates(facts: dict) -> str:
    return {
        "none_required": _("none required"),
        "all": _("holds the required certificates"),
        "some": _("holds some of the required certificates"),
    }.get(facts.get("certificates_held"), _("lacks the required certificates"))


def _duties_text(facts: dict) -> str:
    similarity = float(facts.get("text_similarity") or 0)
    if similarity >= 0.3:
        return _("career duties much like these duties")
    if similarity >= 0.15:
        return _("career duties somewhat like these duties")
    return _("no similar career duties")


def _target_group(facts: dict) -> str:
    return {
        "fits": _("vacancy suits the seeker's group"),
        "other": _("vacancy aimed at other groups"),
    }.get(facts.get("target_fit"), _("open to everyone"))


_TEXTS = {
    "occupation": _occupation,
    "place": _place,
    "wage": _wage,
    "employment_type": _employment_type,
    "hours": _hours,
    "start_date": _start_date,
    "education": _education,
    "experience": _experience,
    "certificates": _certificates,
    "duties_text": _duties_text,
    "target_group": _target_group,
}

SUMMARY_PARTS = ("occupation", "place", "wage")


def conflicts(parts: dict) -> list[str]:
    """The stated conditions the pair breaks, in words ("night or rotating shifts not wanted")."""
    broken = (parts.get("conditions") or {}).copy()
    texts = []
    if broken.get("night_shift"):
        texts.append(_("night or rotating shifts not wanted"))
    if broken.get("employment_type"):
        facts = parts.get("employment_type") or {}
        kind = facts.get("employment_type")
        label = EmploymentType(kind).label if kind in EmploymentType.values else kind or "?"
        texts.append(_("employment type not wanted: %(kind)s") % {"kind": label})
    if broken.get("region"):
        texts.append(_("outside the desired regions"))
    if broken.get("wage"):
        facts = parts.get("wage") or {}
        desired, offered = facts.get("wage_desired") or 0, facts.get("wage_offered") or 0
        percent = round(100 * (desired - offered) / desired) if desired else 0
        texts.append(_("wage %(percent)s%% below the minimum wanted") % {"percent": max(percent, 1)})
    if broken.get("certificates"):
        missing = (parts.get("certificates") or {}).get("missing") or []
        texts.append(_("lacks required certificates: %(names)s") % {"names": ", ".join(missing)})
    return texts


def must_broken(parts: dict) -> bool:
    """True when the pair breaks a condition held as "must" (listed apart, under "conditions not met")."""
    return bool((parts.get("conditions") or {}).get("must_broken"))


def shown_score(parts: dict, weights: dict) -> float:
    """The score without the penalties of broken conditions: the weighted average of the parts, 0–100."""
    total = sum(float(weights.get(part, 0)) for part in _TEXTS) or 1.0
    earned = sum(float(weights.get(part, 0)) * float((parts.get(part) or {}).get("s") or 0) for part in _TEXTS)
    return round(100 * earned / total, 2)


def explain(parts: dict, weights: dict[str, float]) -> list[PartExplanation]:
    """Every part with its words, value and weight, in the order of the weights."""
    explanations = []
    for part, text in _TEXTS.items():
        facts = parts.get(part) or {}
        explanations.append(
            PartExplanation(
                part=part,
                label=str(PART_LABELS[part]),
                text=text(facts),
                value=float(facts.get("s") or 0),
                weight=float(weights.get(part, 0)),
            )
        )
    return explanations


def strengths(parts: dict) -> str:
    """ "occupation: same middle group; same 시군구, 4 km; wage fits"."""
    occupation = _("occupation: %(text)s") % {"text": _occupation(parts.get("occupation") or {})}
    return "; ".join([occupation, _place(parts.get("place") or {}), _wage(parts.get("wage") or {})])


def summary(parts: dict) -> str:
    """The one-line reason, broken conditions first: "night or rotating shifts not wanted; occupation: same
    middle group; same 시군구, 4 km; wage fits"."""
    return "; ".join([*conflicts(parts), strengths(parts)])
