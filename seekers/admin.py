from django.contrib import admin

from seekers.models import AccessRecord, Booking, ConsentText, Consultation, OpeningHours, Seeker


@admin.register(Seeker)
class SeekerAdmin(admin.ModelAdmin):
    list_display = ["name", "centre", "booth", "status", "registered_at"]
    list_filter = ["status", "centre"]
    search_fields = ["name", "external_ref"]
    raw_id_fields = ["user", "counselor"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["kind", "version", "published_at"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["booth", "weekday", "opens_at", "closes_at", "slot_minutes"]
    list_filter = ["booth__centre"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["seeker", "counselor", "channel", "started_at"]
    raw_id_fields = ["seeker", "counselor"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["seeker", "booth", "starts_at", "status"]
    raw_id_fields = ["seeker", "booked_by", "rescheduled_to"]


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "seeker", "action", "ip_address"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
