from django.contrib import admin

from events.models import (
    Event,
    EventLogEntry,
    EventSeries,
    Interview,
    InterviewSlot,
    Participation,
    Registration,
    RoomRequest,
)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "mode", "state", "starts_at", "centre"]
    list_filter = ["kind", "state", "centre"]
    search_fields = ["title"]
    # State changes go through events.services (they write history and send notices).
    readonly_fields = ["state"]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "rule", "weekday", "first_date", "last_date", "centre"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "seeker", "status", "source", "checked_in_at"]
    list_filter = ["status", "source"]
    raw_id_fields = ["event", "seeker"]
    readonly_fields = ["status", "code"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["event", "company", "booth", "status"]
    raw_id_fields = ["event", "company"]


@admin.register(InterviewSlot)
class InterviewSlotAdmin(admin.ModelAdmin):
    list_display = ["participation", "starts_at", "capacity", "booked"]
    readonly_fields = ["booked"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["event", "participation", "seeker", "outcome"]
    readonly_fields = ["outcome", "period"]
    raw_id_fields = ["event", "participation", "seeker", "slot", "registration"]


@admin.register(EventLogEntry)
class EventLogEntryAdmin(admin.ModelAdmin):
    list_display = ["event", "action", "from_value", "to_value", "by", "at"]
    readonly_fields = [f.name for f in EventLogEntry._meta.fields]


@admin.register(RoomRequest)
class RoomRequestAdmin(admin.ModelAdmin):
    list_display = ["company", "centre", "status", "created_at"]
    list_filter = ["status", "centre"]
    raw_id_fields = ["company", "event"]
    # Accepting creates the event and its slots: only through the counselors' page (events.services).
    readonly_fields = ["status", "event", "decided_by", "decided_at"]
