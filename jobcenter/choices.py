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
