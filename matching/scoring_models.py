"""The matching scorer's tables: match profiles, stored top results and the weights (docs/matching.md).

Profiles are denormalised copies of seekers and vacancies in the shape the scoring SQL needs; they are
written only by `matching.scoring.profiles_refresh_*` (one SQL statement from the source tables), so
every field below is kept true by that function and by nothing else.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "MatchList",
    "Rule",
    "MatchWeights",
    "SeekerMatchList",
    "SeekerMatchProfile",
    "VacancyMatchList",
    "VacancyMatchProfile",
]


def _codes(verbose_name: str, help_text: str = "") -> ArrayField:
    return ArrayField(
        models.CharField(max_length=32), verbose_name=verbose_name, default=list, blank=True, help_text=help_text
    )


class SeekerMatchProfile(models.Model):
    """One seeker as the scorer sees it. Rebuilt from seekers.* by matching.scoring.profiles_refresh_seekers."""

    seeker = models.OneToOneField(
        "seekers.Seeker",
        verbose_name=_("job seeker"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_profile",
    )
    centre_ref = models.BigIntegerField(_("job centre id"))
    booth_ref = models.BigIntegerField(_("home booth id"))
    # Hard filter: status active and an unwithdrawn sharing consent.
    is_active = models.BooleanField(_("active and sharing"), default=False)
    occupation_codes = _codes(_("desired occupation codes"))
    occupation_middle = _codes(_("desired middle groups"))
    occupation_major = _codes(_("desired major groups"))
    career_codes = _codes(_("career occupation codes"))
    career_middle = _codes(_("career middle groups"))
    career_major = _codes(_("career major groups"))
    region_code = models.CharField(_("home region"), max_length=16, blank=True)
    sigungu_code = models.CharField(_("home 시군구"), max_length=5, blank=True)
    sido_code = models.CharField(_("home 시도"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    desired_region_codes = _codes(_("desired regions"), _("As chosen, at any level."))
    wage_monthly = models.PositiveIntegerField(_("desired monthly wage"), null=True, blank=True)
    employment_types = _codes(_("employment types"))
    hours_per_week = models.PositiveSmallIntegerField(_("desired hours per week"), null=True, blank=True)
    shifts = _codes(_("shifts"))
    earliest_start = models.DateField(_("earliest start"), null=True, blank=True)
    education_rank = models.PositiveSmallIntegerField(_("education rank"), default=0)
    experience_years = models.FloatField(_("years of experience"), default=0)
    certificates = _codes(_("certificates"), _("Names without spaces, upper-cased."))
    target_groups = _codes(_("target groups"))
    duties_text = models.TextField(_("career duties"), blank=True)
    # The trigrams of duties_text (pg_trgm's, hashed to integers): the text similarity of a pair is then an
    # intersection of two sorted arrays instead of two trigram extractions per pair.
    duties_trigrams = ArrayField(models.IntegerField(), verbose_name=_("duties trigrams"), default=list, blank=True)
    # Candidate keys (docs/matching.md): near "m<middle>:g<시군구>", wide "m<middle>:s<시도>" and
    # "M<major>:g<시군구>"; match_keys holds both tiers (GIN), near_keys the near ones only.
    match_keys = _codes(_("candidate keys"))
    near_keys = _codes(_("near candidate keys"))
    # Written only when a profile column changed (the nightly rebuild skips unchanged rows).
    refreshed_at = models.DateTimeField(_("profile changed at"), auto_now=True)
    # Set when a change is waiting for its recomputation (schedule_seeker); cleared by the task.
    pending_since = models.DateTimeField(_("recomputation pending since"), null=True, blank=True)

    class Meta:
        verbose_name = _("seeker match profile")
        verbose_name_plural = _("seeker match profiles")
        indexes = [
            GinIndex(fields=["match_keys"], name="seekerprofile_keys_gin", condition=models.Q(is_active=True)),
            # The sweeper's lookup of marks left pending (matching.scoring.pending_recomputations_enqueue).
            models.Index(
                fields=["pending_since"], name="seekerprofile_pending", condition=models.Q(pending_since__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"profile of seeker {self.seeker_id}"


class VacancyMatchProfile(models.Model):
    """One vacancy as the scorer sees it. Rebuilt from employers.Vacancy by profiles_refresh_vacancies."""

    vacancy = models.OneToOneField(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_profile",
    )
    centre_ref = models.BigIntegerField(_("job centre id"))
    # Hard filter: published, with free openings.
    is_open = models.BooleanField(_("open"), default=False)
    occupation_code = models.CharField(_("occupation code"), max_length=16, blank=True)
    occupation_middle = models.CharField(_("middle group"), max_length=2, blank=True)
    occupation_major = models.CharField(_("major group"), max_length=1, blank=True)
    region_code = models.CharField(_("workplace region"), max_length=16, blank=True)
    sigungu_code = models.CharField(_("workplace 시군구"), max_length=5, blank=True)
    sido_code = models.CharField(_("workplace 시도"), max_length=2, blank=True)
    region_codes = _codes(_("workplace region at every level"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    wage_monthly = models.PositiveIntegerField(_("monthly wage"), null=True, blank=True)
    employment_type = models.CharField(_("employment type"), max_length=16, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    night_or_rotating = models.BooleanField(_("night or rotating shifts"), default=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    education_rank = models.PositiveSmallIntegerField(_("education rank required"), default=0)
    experience_years = models.PositiveSmallIntegerField(_("years of experience required"), default=0)
    certificates = _codes(_("certificates required"), _("Names without spaces, upper-cased."))
    suitable_for = _codes(_("suitable for"))
    duties_text = models.TextField(_("duties"), blank=True)
    duties_trigrams = ArrayField(models.IntegerField(), verbose_name=_("duties trigrams"), default=list, blank=True)
    match_keys = _codes(_("candidate keys"))
    near_keys = _codes(_("near candidate keys"))
    refreshed_at = models.DateTimeField(_("profile changed at"), auto_now=True)
    pending_since = models.DateTimeField(_("recomputation pending since"), null=True, blank=True)

    class Meta:
        verbose_name = _("vacancy match profile")
        verbose_name_plural = _("vacancy match profiles")
        indexes = [
            GinIndex(fields=["match_keys"], name="vacancyprofile_keys_gin", condition=models.Q(is_open=True)),
            # The sweeper's lookup of marks left pending (matching.scoring.pending_recomputations_enqueue).
            models.Index(
                fields=["pending_since"], name="vacancyprofile_pending", condition=models.Q(pending_since__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"profile of vacancy {self.vacancy_id}"


class MatchList(models.TextChoices):
    FOR_VACANCY = "v", _("Candidates for a vacancy")
    FOR_SEEKER = "s", _("Vacancies for a seeker")


class _StoredList(models.Model):
    """One stored top list, best first: the ids of the other side and their scores, as two parallel arrays.

    One row per list instead of one row per pair: the nightly refresh writes 1.1 million rows instead of
    55 million (docs/matching.md, Benchmark). Written only by matching.scoring.results; the score parts are
    not stored but computed from the profiles for the rows a page shows (matching.scoring.explain_pairs)."""

    scores = ArrayField(models.FloatField(), verbose_name=_("scores"), default=list, blank=True)
    # True when the near keys gave too few candidates and the wide ones were used (results.MIN_NEAR).
    wide = models.BooleanField(_("wide candidate keys"), default=False)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        abstract = True


class VacancyMatchList(_StoredList):
    """A vacancy's best candidates (at most results.LIST_SIZE)."""

    vacancy = models.OneToOneField(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_list",
    )
    ranked_ids = ArrayField(models.BigIntegerField(), verbose_name=_("job seekers, best first"), default=list)

    class Meta:
        verbose_name = _("vacancy match list")
        verbose_name_plural = _("vacancy match lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ranked_ids__len=models.F("scores__len")),
                name="vacancymatchlist_parallel_arrays",
                violation_error_message=_("Every listed job seeker needs a score."),
            ),
        ]

    def __str__(self) -> str:
        return f"candidates of vacancy {self.vacancy_id}"


class SeekerMatchList(_StoredList):
    """A seeker's best open vacancies (at most results.LIST_SIZE)."""

    seeker = models.OneToOneField(
        "seekers.Seeker",
        verbose_name=_("job seeker"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_list",
    )
    ranked_ids = ArrayField(models.BigIntegerField(), verbose_name=_("vacancies, best first"), default=list)

    class Meta:
        verbose_name = _("seeker match list")
        verbose_name_plural = _("seeker match lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ranked_ids__len=models.F("scores__len")),
                name="seekermatchlist_parallel_arrays",
                violation_error_message=_("Every listed vacancy needs a score."),
            ),
        ]

    def __str__(self) -> str:
        return f"vacancies for seeker {self.seeker_id}"


def _weight(verbose_name: str, default: float, help_text: str) -> models.FloatField:
    return models.FloatField(verbose_name, default=default, help_text=help_text)


class Rule(models.TextChoices):
    MUST = "must", _("Must: list apart under “conditions not met”")
    PREFER = "prefer", _("Prefer: rank below everyone who meets it")


def _rule(verbose_name: str, default: str, help_text: str) -> models.CharField:
    return models.CharField(verbose_name, max_length=8, choices=Rule.choices, default=default, help_text=help_text)


class MatchWeights(models.Model):
    """How much each part counts, and how each stated condition is held. One row (name "default") is used;
    managers edit it with a preview."""

    name = models.CharField(_("name"), max_length=50, unique=True, default="default")
    occupation = _weight(
        _("occupation"), 30, _("Same code 100%, same middle group 80%, via career history 60%, same major group 40%.")
    )
    place = _weight(_("place"), 20, _("Same 읍면동, 시군구, desired region or 시도, blended with the distance in km."))
    wage = _weight(_("wage"), 10, _("Offered against desired monthly wage; 20 percent short counts nothing."))
    employment_type = _weight(_("employment type"), 6, _("One of the types the seeker wants."))
    hours = _weight(_("hours and shifts"), 4, _("Weekly hours against the wish; night or rotating shifts."))
    start_date = _weight(_("start date"), 3, _("The seeker can start before the deadline."))
    education = _weight(_("education"), 5, _("Education level against the requirement."))
    experience = _weight(_("experience"), 5, _("Years of career history against the requirement."))
    certificates = _weight(_("certificates"), 5, _("Certificates held against those required."))
    duties_text = _weight(
        _("duties text"), 7, _("How many words career duties and the vacancy's duties share, in any order.")
    )
    target_group = _weight(_("target group"), 5, _("The vacancy is marked suitable for one of the seeker's groups."))
    # The seeker's stated conditions (docs/matching.md, Conditions): "must" lists a pair that breaks one below
    # every pair that meets them all, "prefer" ranks it below every pair meeting them with the same occupation fit.
    night_shift_rule = _rule(
        _("no night or rotating shifts"), Rule.MUST, _("The seeker named the shifts they can work, without these.")
    )
    employment_type_rule = _rule(
        _("employment type wanted"), Rule.MUST, _("The seeker named the employment types they want.")
    )
    region_rule = _rule(_("desired regions"), Rule.PREFER, _("The seeker named desired regions."))
    wage_rule = _rule(_("minimum wage wanted"), Rule.PREFER, _("The wage offered is below the seeker's wish."))
    certificates_rule = _rule(
        _("required certificates"), Rule.MUST, _("The seeker holds every certificate the vacancy requires.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    PARTS = (
        "occupation",
        "place",
        "wage",
        "employment_type",
        "hours",
        "start_date",
        "education",
        "experience",
        "certificates",
        "duties_text",
        "target_group",
    )

    CONDITIONS = ("night_shift", "employment_type", "region", "wage", "certificates")

    class Meta:
        verbose_name = _("match weights")
        verbose_name_plural = _("match weights")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    occupation__gte=0,
                    place__gte=0,
                    wage__gte=0,
                    employment_type__gte=0,
                    hours__gte=0,
                    start_date__gte=0,
                    education__gte=0,
                    experience__gte=0,
                    certificates__gte=0,
                    duties_text__gte=0,
                    target_group__gte=0,
                ),
                name="match_weights_not_negative",
                violation_error_message=_("Weights cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def as_dict(self) -> dict:
        """The weights by part, and the rule of each condition as "<condition>_rule"."""
        rules = {f"{condition}_rule": getattr(self, f"{condition}_rule") for condition in self.CONDITIONS}
        return {part: float(getattr(self, part)) for part in self.PARTS} | rules
