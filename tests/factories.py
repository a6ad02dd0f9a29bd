"""Factories for tests across apps."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from licensing.models import LicenseType, UserLicense

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    legal_first_name = "Pat"
    legal_last_name = factory.Sequence(lambda n: f"Person{n}")
    time_zone = "America/New_York"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class LicenseTypeLookup(factory.django.DjangoModelFactory):
    """Picks an existing catalog entry (the catalog is loaded into every test database)."""

    class Meta:
        model = LicenseType
        django_get_or_create = ("state", "code")

    state = "CA"
    code = "LCSW"


class UserLicenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserLicense

    user = factory.SubFactory(UserFactory)
    license_type = factory.SubFactory(LicenseTypeLookup)
    number = factory.Sequence(lambda n: f"LIC{10000 + n}")
    expires_on = None
