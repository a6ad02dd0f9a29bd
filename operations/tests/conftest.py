"""Operations fixtures: the certificate tests' attended event and its evaluation, reused."""

from certificates.tests.conftest import event, open_evaluation, submit  # noqa: F401
