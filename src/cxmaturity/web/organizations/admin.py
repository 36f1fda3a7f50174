"""Operators manage organizations and who belongs to them."""

from django.contrib import admin

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "industry", "region", "size", "peer_opt_in", "demo")
    list_filter = ("industry", "demo", "peer_opt_in")
    search_fields = ("name",)
    inlines = [MembershipInline]
    exclude = ("logo",)
