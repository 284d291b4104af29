from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from jobcenter.models import Booth, Centre, Industry, MinimumWage, Notification, Occupation, Region, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "centre", "is_active"]
    list_filter = ["role", "centre", "is_active"]
    list_select_related = ["centre"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Job centre"), {"fields": ["role", "centre", "booth", "phone"]})]

    @admin.display(description=_("name"))
    def full_name(self, user: User) -> str:
        return user.get_full_name()


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "phone"]


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["name", "centre", "location", "target_groups", "is_active"]
    list_filter = ["centre"]
    list_select_related = ["centre"]


@admin.register(Region, Occupation)
class HierarchicalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_ko", "name_en"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en"]


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ["year", "hourly", "monthly"]

    @admin.display(description=_("monthly wage"))
    def monthly(self, wage: MinimumWage) -> int:
        return wage.monthly


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "status", "attempts"]
    list_filter = ["status", "channel"]
