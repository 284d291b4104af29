"""The data check's rules that span every app (jobcenter/datacheck.py): resident registration numbers in stored text."""

from collections.abc import Iterator

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.datacheck import Finding, Rule
from jobcenter.security.resident_numbers import records_with_resident_numbers


def _masked(number: str) -> str:
    """950302-2345678 → 950302-2******: enough to find it in the text, not enough to use it."""
    return number[:8] + "*" * (len(number) - 8)


def _owner(record) -> tuple[int | None, int | None]:
    """The record's centre and the seeker it is about, where the record says (a consultation, a referral, a seeker)."""
    seeker = record if record._meta.label == "seekers.Seeker" else getattr(record, "seeker", None)
    centre_id = getattr(record, "centre_id", None) or getattr(seeker, "centre_id", None)
    return centre_id, getattr(seeker, "pk", None)


def resident_numbers(centre_id: int | None) -> Iterator[Finding]:
    for found in records_with_resident_numbers():
        model = apps.get_model(found.model)
        record = model._default_manager.get(pk=found.pk)
        record_centre, seeker_id = _owner(record)
        if centre_id is not None and record_centre != centre_id:
            continue
        field = model._meta.get_field(found.field)
        yield Finding(
            label=f"{model._meta.verbose_name} #{found.pk}: {field.verbose_name}",
            url=reverse("seekers:case", args=[seeker_id]) if seeker_id else "",
            centre_id=record_centre,
            detail=_("Holds a resident registration number (%(numbers)s): delete it from the text.")
            % {"numbers": ", ".join(_masked(number) for number in found.numbers)},
        )


RULES = [
    Rule(
        "resident_number_in_text",
        gettext_lazy("Resident registration number kept in a text"),
        resident_numbers,
        order=5,
    ),
]
