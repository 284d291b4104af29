from django.contrib import admin

from employers.models import (
    Bulletin,
    Company,
    CompanyInvitation,
    CompanyMember,
    ImportBatch,
    Interest,
    Vacancy,
    VacancyEvent,
)


class CompanyMemberInline(admin.TabularInline):
    model = CompanyMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "business_number", "centre", "source", "verified_at"]
    list_filter = ["centre", "source"]
    search_fields = ["name", "business_number", "external_ref"]
    inlines = [CompanyMemberInline]
    raw_id_fields = ["verified_by"]


class VacancyEventInline(admin.TabularInline):
    model = VacancyEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "comment", "at"]
    can_delete = False


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    """Read mostly: state changes go through the services (the review pages), which write the history."""

    list_display = ["title", "company", "status", "source", "deadline", "published_at"]
    list_filter = ["status", "source", "centre"]
    search_fields = ["title", "company__name", "external_ref"]
    raw_id_fields = ["company", "created_by"]
    readonly_fields = ["status", "openings_filled", "published_at"]
    inlines = [VacancyEventInline]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["seeker", "vacancy", "created_at", "handled_at"]
    raw_id_fields = ["seeker", "vacancy", "handled_by"]


@admin.register(CompanyInvitation)
class CompanyInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "created_at", "accepted_at"]
    raw_id_fields = ["company", "invited_by"]
    exclude = ["token"]


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["centre", "issue_date", "vacancy_count"]
    exclude = ["pdf"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "centre", "created_at", "applied_at", "created_count", "unchanged_count"]
    exclude = ["content"]
