"""A select's options read with one plain query, for the forms on pages opened all day (the case page, the ranked
candidates).

Django's ModelChoiceIterator reads them through `.iterator()`: a server-side cursor (DECLARE … WITH HOLD, FETCH,
CLOSE), three round trips and a result PostgreSQL copies at commit, for a dozen counselors or booths
(bench/load/page_profile.py showed it as the case page's slowest query).
"""

from django import forms
from django.db.models import QuerySet


class FetchedChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def set_fetched_queryset(field: forms.ModelChoiceField, queryset: QuerySet) -> None:
    """Instead of `field.queryset = queryset`: the iterator first, as setting the queryset hands the widget its
    choices."""
    field.iterator = FetchedChoices
    field.queryset = queryset


class ListedChoices(forms.models.ModelChoiceIterator):
    """The options from a list of (pk, label) already at hand (`set_listed_choices`), no query; the field's queryset
    still validates what is submitted."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, label in self.field.listed_choices:
            yield (forms.models.ModelChoiceIteratorValue(pk, None), label)

    def __len__(self) -> int:
        return len(self.field.listed_choices) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.listed_choices)


def set_listed_choices(field: forms.ModelChoiceField, queryset: QuerySet, choices: list[tuple[int, str]]) -> None:
    """Like `set_fetched_queryset`, the options being `choices` (the queryset's rows as (pk, label), in its order)."""
    field.listed_choices = choices
    field.iterator = ListedChoices
    field.queryset = queryset


# The booths' select of the candidates page (opened all day): every active booth's label, by centre, read once and
# kept until a booth or centre is saved or deleted (jobcenter/apps.py: the key is dropped then, and again once the
# transaction commits, so a page read in between cannot keep the old names).
BOOTH_CHOICES_CACHE = ("booth-choices", 600)


def _booth_table() -> dict:
    from jobcenter.models import Booth

    table: dict = {"all": [], "by_centre": {}}
    for booth in Booth.objects.filter(is_active=True).select_related("centre"):  # booths_for_user's rows and order
        pair = (booth.pk, str(booth))
        table["all"].append(pair)
        table["by_centre"].setdefault(booth.centre_id, []).append(pair)
    return table


def booth_choices(user) -> list[tuple[int, str]]:
    """(pk, label) of the booths `user` works with: seekers.selectors.booths_for_user's rows, from the cache."""
    from django.core.cache import cache

    from jobcenter.models import Role

    key, timeout = BOOTH_CHOICES_CACHE
    try:
        table = cache.get_or_set(key, _booth_table, timeout)
    except Exception:  # the cache's Redis is down: the page still serves, with one query more
        table = _booth_table()
    if user.is_authenticated and user.role in (Role.COUNSELOR, Role.MANAGER):
        return table["by_centre"].get(user.centre_id, [])
    return table["all"]


def forget_booth_choices(**kwargs) -> None:
    """post_save / post_delete of Booth and Centre (jobcenter/apps.py)."""
    import contextlib

    from django.core.cache import cache
    from django.db import transaction

    def forget() -> None:
        with contextlib.suppress(Exception):  # Redis down: the copy expires within its timeout
            cache.delete(BOOTH_CHOICES_CACHE[0])

    forget()
    transaction.on_commit(forget)
