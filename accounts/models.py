"""People: one account per person, with the legal name printed on certificates."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from accounts.names import LEGAL_NAME_PART_MAX, validate_name_characters


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


def default_time_zone() -> str:
    return settings.DEFAULT_USER_TIME_ZONE


class User(AbstractUser):
    """An account. The login is the primary email address (allauth keeps the full list).

    `first_name`/`last_name` are replaced by the *legal* name, because that is what licensing
    boards check on a certificate.
    """

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("primary email address", unique=True)
    legal_first_name = models.CharField(
        "legal first name",
        max_length=LEGAL_NAME_PART_MAX,
        blank=True,
        validators=[validate_name_characters],
    )
    legal_last_name = models.CharField(
        "legal last name",
        max_length=LEGAL_NAME_PART_MAX,
        blank=True,
        validators=[validate_name_characters],
    )
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    phone = models.CharField(
        "phone number",
        max_length=32,
        blank=True,
        help_text="Used to recognise you when you join a webinar by phone.",
    )
    # A dial-in claim is trusted on its own only for a number saved before the event started;
    # a number typed in afterwards could have been copied from the call it claims.
    phone_changed_at = models.DateTimeField(
        "phone number last changed", null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["legal_last_name", "legal_first_name", "email"]
        permissions = [("access_staff_area", "Can open the staff area")]

    def __str__(self) -> str:
        return self.legal_name or self.email

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> User:
        user = super().from_db(db, field_names, values)
        if "phone" in field_names:
            user._stored_phone = user.phone
        return user

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every write path (profile page, API, admin, commands) passes here, so the time the
        # number changed is known whoever changed it.
        update_fields = kwargs.get("update_fields")
        if (update_fields is None or "phone" in update_fields) and self._phone_changed():
            self.phone_changed_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "phone_changed_at"}
        super().save(*args, **kwargs)
        if "phone" in self.__dict__:
            self._stored_phone = self.phone

    def _phone_changed(self) -> bool:
        if self._state.adding:
            return bool(self.phone)
        if hasattr(self, "_stored_phone"):
            return self._stored_phone != self.phone
        stored = type(self).objects.filter(pk=self.pk).values_list("phone", flat=True).first()
        return stored != self.phone

    @property
    def legal_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}".strip()

    @property
    def has_legal_name(self) -> bool:
        return bool(self.legal_first_name.strip() and self.legal_last_name.strip())

    @property
    def is_clinical_staff(self) -> bool:
        return self.has_perm("accounts.access_staff_area")

    def get_full_name(self) -> str:
        return self.legal_name

    def get_short_name(self) -> str:
        return self.legal_first_name or self.email
