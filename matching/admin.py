from django.contrib import admin

from matching.models import FollowUp, Interview, Placement, Referral, ReferralTransition


class TransitionInline(admin.TabularInline):
    model = ReferralTransition
    extra = 0
    readonly_fields = ["from_state", "to_state", "reason", "note", "by", "at"]
    can_delete = False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["id", "seeker", "vacancy", "centre", "state", "source", "created_at"]
    list_filter = ["state", "source", "centre"]
    raw_id_fields = ["seeker", "vacancy", "created_by"]
    readonly_fields = ["state", "ending_reason", "state_changed_at", "waiting_since"]
    inlines = [TransitionInline]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["referral", "starts_at", "place", "accompanied", "accompanied_by"]
    list_filter = ["accompanied"]
    raw_id_fields = ["referral", "accompanied_by", "scheduled_by"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["seeker", "employer_name", "start_date", "source", "employment_type", "left_on"]
    list_filter = ["source", "employment_type", "centre"]
    raw_id_fields = ["seeker", "referral", "vacancy", "recorded_by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["placement", "months", "due_date", "outcome", "contacted_at"]
    list_filter = ["months", "outcome"]
    raw_id_fields = ["placement", "contacted_by"]
