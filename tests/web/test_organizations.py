"""Accounts, organizations and roles: sign-up, switching, settings, members."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from webtools import organization_with, user

from cxmaturity.web.organizations.models import Membership, Organization, Role


def test_sign_up_then_create_an_organization_and_own_it(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "lea@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/orgs/",
        {
            "name": "Lea Consulting",
            "industry": "other",
            "brand_color": "#112233",
            "peer_opt_in": "on",
        },
    )
    org = Organization.objects.get(name="Lea Consulting")
    assert response["Location"] == f"/o/{org.pk}/"
    assert Membership.objects.get(organization=org).role == Role.OWNER


def test_a_consultant_switches_between_client_organizations(client: Client) -> None:
    first, consultant = organization_with("facilitator", "c@example.com", "Client One")
    second = Organization.objects.create(name="Client Two", industry="telco")
    Membership.objects.create(user=consultant, organization=second, role="viewer")
    client.force_login(consultant)
    page = client.get("/orgs/").content.decode()
    assert "Client One" in page
    assert "Client Two" in page
    home = client.get(f"/o/{first.pk}/").content.decode()
    assert f'href="/o/{second.pk}/"' in home


def test_owner_edits_settings_and_uploads_a_logo(client: Client) -> None:
    org, owner = organization_with("owner", "o@example.com")
    client.force_login(owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    logo = SimpleUploadedFile(
        "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"
    )
    response = client.post(
        f"/o/{org.pk}/settings/",
        {"name": "Acme Group", "industry": "finance", "brand_color": "#aa0000", "logo_file": logo},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.industry, org.peer_opt_in) == ("Acme Group", "finance", False)
    served = client.get(f"/o/{org.pk}/logo")
    assert served["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in served["Content-Security-Policy"]


def test_a_bad_logo_is_refused_and_changes_nothing(client: Client) -> None:
    org, owner = organization_with("owner", "o@example.com")
    client.force_login(owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("logo.exe", b"MZ", "application/octet-stream")
    response = client.post(
        f"/o/{org.pk}/settings/",
        {"name": "X", "industry": "retail", "brand_color": "#aa0000", "logo_file": bad},
    )
    assert response.status_code == 400
    assert "Use a PNG, JPEG, WebP or SVG image." in response.content.decode()
    org.refresh_from_db()
    assert org.name == "Acme"


def test_owner_adds_changes_and_removes_members_but_keeps_one_owner(client: Client) -> None:
    org, owner = organization_with("owner", "o@example.com")
    colleague = user("v@example.com")
    client.force_login(owner)
    client.post(f"/o/{org.pk}/members/", {"email": "V@example.com", "role": "viewer"})
    membership = Membership.objects.get(user=colleague)
    assert membership.role == "viewer"
    client.post(f"/o/{org.pk}/members/{membership.pk}/", {"role": "facilitator"})
    membership.refresh_from_db()
    assert membership.role == "facilitator"
    mine = Membership.objects.get(user=owner)
    client.post(f"/o/{org.pk}/members/{mine.pk}/", {"role": "viewer"})
    mine.refresh_from_db()
    assert mine.role == "owner"  # the last owner stays
    client.post(f"/o/{org.pk}/members/{membership.pk}/", {"role": "viewer", "remove": "1"})
    assert not Membership.objects.filter(user=colleague).exists()


def test_adding_someone_without_an_account_says_so(client: Client) -> None:
    org, owner = organization_with("owner", "o@example.com")
    client.force_login(owner)
    response = client.post(
        f"/o/{org.pk}/members/", {"email": "nobody@example.com", "role": "viewer"}
    )
    assert response.status_code == 400
    assert "Nobody has an account with this e-mail yet" in response.content.decode()


def test_password_reset_sends_an_email(client: Client) -> None:
    user("r@example.com")
    client.post("/accounts/password/reset/", {"email": "r@example.com"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_repeated_failed_logins_lock_the_account_out(client: Client) -> None:
    from axes.models import AccessAttempt

    user("t@example.com")
    responses = [
        client.post("/accounts/login/", {"login": "T@example.com", "password": "wrong"})
        for _ in range(5)
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Too many failed log-ins" in responses[-1].content.decode()
    assert AccessAttempt.objects.get().username == "t@example.com"  # stored in the database
    client.post("/accounts/login/", {"login": "t@example.com", "password": "pw-12345678"})
    assert "_auth_user_id" not in client.session  # even the right password waits out the lock


def test_pages_carry_a_content_security_policy(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
