"""What an attendee is told about their dial-in claims: one message per outcome, the same on
the receipt page and in the API, and a short status for the list of their claims."""

from __future__ import annotations

import zoneinfo

from attendance.models import PhoneClaim
from attendance.timetext import span_text

STAFF_WILL_CHECK = "This page updates when they have; you don't need to do anything else."


def claim_message(claim: PhoneClaim, zone: zoneinfo.ZoneInfo) -> str:
    """The claim's outcome in words, as it stands now."""
    digits = claim.last4
    if claim.declined:
        return (
            f"Staff looked into your call from a number ending in {digits} and could not "
            f"match it to you: {claim.declined_reason}"
        )
    if claim.connection is not None:
        connected = span_text(claim.connection.join, claim.connection.leave, zone)
        who = (
            "is matched to you"
            if claim.result == PhoneClaim.MATCHED
            else "was matched to you by staff"
        )
        return (
            f"Thank you: your call from the number ending in {digits} (connected {connected}) "
            f"{who}. Your receipt below is up to date."
        )
    if claim.resolved:
        return f"Staff have dealt with your claim of a call ending in {digits}."
    if claim.result == PhoneClaim.AMBIGUOUS:
        return (
            f"More than one call ends in {digits}, so staff will match yours by hand. "
            + STAFF_WILL_CHECK
        )
    if claim.result == PhoneClaim.NOT_PROFILE_PHONE:
        return (
            f"A call ending in {digits} is in the report, but {digits} are not the last digits "
            "of the phone number on your profile, so staff check that the call is yours before "
            "it counts. " + STAFF_WILL_CHECK
        )
    if claim.result == PhoneClaim.PHONE_CHANGED:
        return (
            f"A call ending in {digits} is in the report, but the phone number on your profile "
            "was changed after the event started, so staff check that the call is yours before "
            "it counts. " + STAFF_WILL_CHECK
        )
    return (
        f"We have no unmatched call ending in {digits} yet (the report may not be in). "
        "Staff will look for it; this page updates when it is matched."
    )


def claim_status(claim: PhoneClaim) -> str:
    """The claim in a few words, for the list of the attendee's claims."""
    if claim.declined:
        return f"not matched: {claim.declined_reason}"
    if claim.connection is not None:
        return "matched to you." if claim.result == PhoneClaim.MATCHED else "matched by staff."
    if claim.resolved:
        return "dealt with by staff."
    if claim.result in (PhoneClaim.NOT_PROFILE_PHONE, PhoneClaim.PHONE_CHANGED):
        return "staff are checking that the call is yours."
    return f"{claim.get_result_display()}."
