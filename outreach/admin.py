"""Outreach in the admin: for looking things up and fixing typos. State changes go through the services."""

from django.contrib import admin

from outreach import models


@admin.register(models.OutreachTeam)
class OutreachTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "centre", "is_active"]
    list_filter = ["centre", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


class VisitPlanTargetInline(admin.TabularInline):
    model = models.VisitPlanTarget
    extra = 0
    raw_id_fields = ["company"]


@admin.register(models.VisitPlan)
class VisitPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "starts_on", "ends_on"]
    list_filter = ["centre"]
    search_fields = ["title"]
    inlines = [VisitPlanTargetInline]
    readonly_fields = ["created_by", "created_at"]


class VisitDifficultyInline(admin.TabularInline):
    model = models.VisitDifficulty
    extra = 0


class FollowUpActionInline(admin.TabularInline):
    model = models.FollowUpAction
    extra = 0
    raw_id_fields = ["owner"]
    readonly_fields = ["done_at", "done_by"]


class DiscoveredVacancyInline(admin.TabularInline):
    model = models.DiscoveredVacancy
    extra = 0
    raw_id_fields = ["vacancy"]
    can_delete = False


class VisitHistoryInline(admin.TabularInline):
    model = models.VisitHistory
    extra = 0
    can_delete = False
    readonly_fields = ["action", "note", "by", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["visited_on", "company", "team", "status", "centre"]
    list_filter = ["status", "centre", "visited_on"]
    search_fields = ["company__name", "person_met"]
    date_hierarchy = "visited_on"
    raw_id_fields = ["company", "plan_target"]
    filter_horizontal = ["members"]
    # Status moves through visit_complete / visit_reopen only.
    readonly_fields = ["status", "completed_at", "created_by", "created_at"]
    inlines = [VisitDifficultyInline, FollowUpActionInline, DiscoveredVacancyInline, VisitHistoryInline]


@admin.register(models.FollowUpAction)
class FollowUpActionAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_on", "done_at"]
    list_filter = ["due_on"]
    search_fields = ["description"]
    raw_id_fields = ["visit", "owner"]
    readonly_fields = ["done_at", "done_by"]


class DeskSessionInline(admin.TabularInline):
    model = models.DeskSession
    extra = 0
    fields = ["held_on", "notes"]


@admin.register(models.MobileDesk)
class MobileDeskAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "weekday", "weeks_of_month", "centre", "is_active"]
    list_filter = ["centre", "is_active"]
    search_fields = ["name", "place"]
    inlines = [DeskSessionInline]


@admin.register(models.DeskSession)
class DeskSessionAdmin(admin.ModelAdmin):
    list_display = ["desk", "held_on"]
    list_filter = ["desk"]
    date_hierarchy = "held_on"
    filter_horizontal = ["staff"]


@admin.register(models.PartnerInstitution)
class PartnerInstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "centre", "contact_name", "phone"]
    list_filter = ["kind", "centre"]
    search_fields = ["name", "services"]


@admin.register(models.PartnerLinkage)
class PartnerLinkageAdmin(admin.ModelAdmin):
    list_display = ["seeker", "partner", "service", "outcome", "consent_at"]
    list_filter = ["outcome", "partner__kind"]
    search_fields = ["partner__name", "service"]
    raw_id_fields = ["seeker", "partner"]
    # Consent and outcome are recorded by the services, with who and when.
    readonly_fields = [
        "consent_channel",
        "consent_at",
        "consent_taken_by",
        "outcome",
        "outcome_recorded_at",
        "outcome_recorded_by",
        "created_by",
        "created_at",
    ]


class AgreementHireInline(admin.TabularInline):
    model = models.AgreementHire
    extra = 0
    raw_id_fields = ["placement"]
    readonly_fields = ["linked_by", "linked_at"]


@admin.register(models.LocalHireAgreement)
class LocalHireAgreementAdmin(admin.ModelAdmin):
    list_display = ["party_name", "signed_on", "job_types", "centre"]
    list_filter = ["centre"]
    search_fields = ["party_name", "job_types"]
    raw_id_fields = ["company"]
    inlines = [AgreementHireInline]


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "sent_on", "centre"]
    list_filter = ["centre"]
    search_fields = ["name"]
    raw_id_fields = ["companies"]
    readonly_fields = ["criteria", "created_by", "created_at"]
