"""Organization pages: the list to switch between, settings, members and the logo.

Every view below takes its organization from `member_view`, which looks it up through
the caller's own memberships; nothing here queries an organization by id alone.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import MemberForm, OrganizationForm, RoleForm
from .models import Membership, Role
from .scoping import member_view, signed_in


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request: HttpRequest) -> HttpResponse:
    """The caller's organizations (to switch between) and a form to add one."""
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organization = form.save()
            Membership.objects.create(
                user=signed_in(request), organization=organization, role=Role.OWNER
            )
        messages.success(request, f"{organization.name} is set up; you are its owner.")
        return redirect("organizations:home", org_id=organization.pk)
    memberships = Membership.objects.filter(user=signed_in(request)).select_related("organization")
    if request.method == "GET" and len(memberships) == 1:
        return redirect("organizations:home", org_id=memberships[0].organization_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organizations/dashboard.html",
        {"memberships": memberships, "form": form},
        status=status,
    )


@member_view("view_results")
@require_GET
def home(request: HttpRequest, membership: Membership) -> HttpResponse:
    organization = membership.organization
    campaigns = organization.campaigns.select_related("model_version").all()
    assessments = organization.assessments.filter(respondent__isnull=True).select_related(
        "model_version"
    )
    return render(
        request,
        "organizations/home.html",
        {
            "membership": membership,
            "organization": organization,
            "campaigns": campaigns,
            "assessments": assessments,
            "others": Membership.objects.filter(user=signed_in(request))
            .exclude(pk=membership.pk)
            .select_related("organization"),
        },
    )


@member_view("edit_organization")
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = OrganizationForm(
        request.POST or None, request.FILES or None, instance=membership.organization
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("organizations:settings", org_id=membership.organization_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organizations/settings.html",
        {"membership": membership, "organization": membership.organization, "form": form},
        status=status,
    )


@member_view("manage_members")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, membership: Membership) -> HttpResponse:
    organization = membership.organization
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error(
                "email",
                "Nobody has an account with this e-mail yet; ask them to sign up first.",
            )
        else:
            _, created = Membership.objects.update_or_create(
                user=user, organization=organization, defaults={"role": form.cleaned_data["role"]}
            )
            verb = "added" if created else "updated"
            messages.success(request, f"{user.email} {verb} as {form.cleaned_data['role']}.")
            return redirect("organizations:members", org_id=organization.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organizations/members.html",
        {
            "membership": membership,
            "organization": organization,
            "members": organization.memberships.select_related("user").order_by("user__email"),
            "form": form,
            "roles": Role.choices,
        },
        status=status,
    )


@member_view("manage_members")
@require_POST
def member_role(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    target = get_object_or_404(Membership, pk=member_id, organization=membership.organization)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, facilitator or viewer.")
    elif request.POST.get("remove"):
        if _last_owner(target):
            messages.error(request, "An organization needs at least one owner.")
        else:
            target.delete()
            messages.success(request, f"{target.user.email} removed.")
    elif (
        target.role == Role.OWNER
        and form.cleaned_data["role"] != Role.OWNER
        and _last_owner(target)
    ):
        messages.error(request, "An organization needs at least one owner.")
    else:
        target.role = form.cleaned_data["role"]
        target.save(update_fields=["role"])
        messages.success(request, f"{target.user.email} is now {target.role}.")
    return redirect("organizations:members", org_id=membership.organization_id)


def _last_owner(target: Membership) -> bool:
    owners = Membership.objects.filter(organization=target.organization_id, role=Role.OWNER)
    return target.role == Role.OWNER and owners.count() == 1


@member_view("view_results")
@require_GET
def logo(request: HttpRequest, membership: Membership) -> HttpResponse:
    organization = membership.organization
    if not organization.logo:
        raise Http404("no logo")
    response = HttpResponse(bytes(organization.logo), content_type=organization.logo_type)
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
