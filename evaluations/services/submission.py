"""Submitting an evaluation: final, attested, and the trigger for the certificate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from evaluations.answers import SubmissionRefused, answer_fields, clean_answers
from evaluations.errors import LICENSE_NOT_YOURS, EvaluationCode
from evaluations.models import Answer, Evaluation
from evaluations.signals import evaluation_submitted
from licensing.models import CECategory, UserLicense


def _refuse_unless_open(evaluation: Evaluation, user: User) -> None:
    # Ownership first, so nobody learns anything about another person's evaluation.
    if evaluation.registration.user_id != user.pk:
        raise EvaluationCode.NOT_YOURS.error()
    if evaluation.status == Evaluation.SUBMITTED:
        raise EvaluationCode.ALREADY_SUBMITTED.error(
            "You already submitted this evaluation; submission is final."
        )
    if evaluation.status == Evaluation.WITHDRAWN:
        raise EvaluationCode.EVALUATION_WITHDRAWN.error(
            "This evaluation was withdrawn: the attendance record no longer shows that you "
            "attended the entire event."
        )
    if evaluation.is_closed():
        raise EvaluationCode.EVALUATION_CLOSED.error()


@transaction.atomic
def submit_evaluation(
    evaluation: Evaluation,
    *,
    user: User,
    answers: Mapping[str, Any],
    attested: bool,
    license: UserLicense | None = None,
    category: CECategory | None = None,
) -> Evaluation:
    """Store the answers and mark the evaluation submitted, all or nothing.

    Refusals carry codes (see core.errors); answer problems carry the question key as `field`,
    and a SubmissionRefused lists every problem at once. The `evaluation_submitted` signal is
    sent in the same transaction so certificate issuance follows the submission.
    """
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("registration", "event")
        .get(pk=evaluation.pk)
    )
    _refuse_unless_open(evaluation, user)
    cleaned, problems = clean_answers(evaluation.questions, answers)
    if not attested:
        problems.insert(
            0,
            EvaluationCode.ATTESTATION_REQUIRED.error(field="attested"),
        )
    if license is not None and license.user_id != user.pk:
        problems.append(LICENSE_NOT_YOURS.error(field="license"))
    if category is not None and not evaluation.event.categories.filter(pk=category.pk).exists():
        problems.append(EvaluationCode.CATEGORY_NOT_ON_EVENT.error(field="category"))
    if problems:
        raise SubmissionRefused(problems)
    by_key = {question["key"]: question for question in evaluation.questions}
    Answer.objects.bulk_create(
        Answer(
            evaluation=evaluation,
            key=key,
            code=by_key[key]["code"],
            presenter_name=by_key[key]["presenter"],
            **answer_fields(by_key[key], value),
        )
        for key, value in cleaned.items()
    )
    evaluation.status = Evaluation.SUBMITTED
    evaluation.submitted_at = timezone.now()
    evaluation.attested = True
    evaluation.assigned_license = license
    evaluation.assigned_category = category
    evaluation.save(
        update_fields=[
            "status",
            "submitted_at",
            "attested",
            "assigned_license",
            "assigned_category",
        ]
    )
    audit.record(user, "evaluation.submitted", evaluation)
    evaluation_submitted.send(sender=Evaluation, evaluation_id=evaluation.pk)
    return evaluation
