"""The stable machine codes a ReportError carries (tests assert them; the UI translates them)."""

from __future__ import annotations

from core.errors import CommonCode, ErrorCode


class ReportCode(ErrorCode):
    """Why a report file was refused. Each parser says more (the line, what to export instead);
    the message here is the plain default, e.g. for the API's documentation of the codes."""

    # Empty, binary, a spreadsheet or PDF, undecodable text.
    NOT_A_REPORT = (
        "not_a_report",
        "This file is not a text report. Upload the CSV or JSON file exactly as Zoom produced it.",
    )
    # Readable, but not a report FullCredit knows.
    UNKNOWN_FORMAT = (
        "unknown_format",
        "FullCredit does not recognise this file as a Zoom attendance report.",
    )
    # Meeting export made with "Show unique users".
    UNIQUE_USERS_EXPORT = (
        "unique_users_export",
        "This meeting export was made with “Show unique users”, so it has no join or leave "
        "times. Export it again without that option.",
    )
    # A JSON file that does not parse, or has the wrong shape.
    MALFORMED_JSON = (
        "malformed_json",
        "This JSON file is not valid, or is not shaped like a Zoom participants report.",
    )
    # A required column (Join Time, Leave Time, a name) is absent.
    MISSING_COLUMN = (
        "missing_column",
        "The report lacks a column FullCredit needs (Join Time, Leave Time or a name).",
    )
    # A time in a form FullCredit does not recognise, or an impossible date.
    BAD_DATE = "bad_date", "A time in the report is not a date FullCredit recognises."
    # A connection row with a join time but no leave time, or the reverse.
    MISSING_TIME = "missing_time", "A row has a join time but no leave time, or the reverse."
    JOIN_AFTER_LEAVE = "join_after_leave", "A row's join time is after its leave time."
    # Day-first and month-first dates in one file.
    INCONSISTENT_DATES = (
        "inconsistent_dates",
        "The file mixes day-first and month-first dates, so FullCredit cannot tell which "
        "dates are right.",
    )
    # A time inside a spring-forward gap.
    NONEXISTENT_LOCAL_TIME = (
        "nonexistent_local_time",
        "A time in the report never happened in its time zone: the clocks sprang forward over it.",
    )
    # Several files of different formats in one import.
    MIXED_FORMATS = "mixed_formats", "Import files of one format together."
    NO_FILES = "no_files", "Choose at least one report file to import."
    # A Zoom export in a portal language whose headers FullCredit does not read yet.
    UNSUPPORTED_LANGUAGE = (
        "unsupported_language",
        "This Zoom export is in a language FullCredit does not read yet. Switch the Zoom web "
        "portal to English and export the report again.",
    )
    # Zoom exports that hold no usable join and leave times; each message names the one to use.
    # Dashboard → Meetings → Participants (times, no dates).
    DASHBOARD_EXPORT = (
        "dashboard_export",
        "Zoom's Dashboard export has times without dates. Export Reports → Usage → "
        "Participants instead.",
    )
    # /past_meetings/{id}/participants: no times.
    PAST_PARTICIPANTS_JSON = (
        "past_participants_json",
        "This participants list has names but no join or leave times. Import the pages of "
        "Zoom's participants report instead.",
    )
    # Report-API rows saved as CSV (join_time, leave_time in UTC).
    API_ROWS_CSV = (
        "api_rows_csv",
        "These are Zoom report rows saved as CSV. Import the JSON pages as Zoom returns them.",
    )
    # An account-wide export with several meetings, none of them at the event's time.
    NO_MATCHING_MEETING = (
        "no_matching_meeting",
        "None of the meetings in this file is at the event's time.",
    )


# The names the parsers raise with (`codes.BAD_DATE` is `ReportCode.BAD_DATE`).
NOT_A_REPORT = ReportCode.NOT_A_REPORT
UNKNOWN_FORMAT = ReportCode.UNKNOWN_FORMAT
UNIQUE_USERS_EXPORT = ReportCode.UNIQUE_USERS_EXPORT
MALFORMED_JSON = ReportCode.MALFORMED_JSON
MISSING_COLUMN = ReportCode.MISSING_COLUMN
BAD_DATE = ReportCode.BAD_DATE
MISSING_TIME = ReportCode.MISSING_TIME
JOIN_AFTER_LEAVE = ReportCode.JOIN_AFTER_LEAVE
INCONSISTENT_DATES = ReportCode.INCONSISTENT_DATES
NONEXISTENT_LOCAL_TIME = ReportCode.NONEXISTENT_LOCAL_TIME
# The same refusal as the API's time_zone checks (the parsers once spelled it unknown_time_zone).
TIME_ZONE_UNKNOWN = CommonCode.TIME_ZONE_UNKNOWN
MIXED_FORMATS = ReportCode.MIXED_FORMATS
NO_FILES = ReportCode.NO_FILES
UNSUPPORTED_LANGUAGE = ReportCode.UNSUPPORTED_LANGUAGE
DASHBOARD_EXPORT = ReportCode.DASHBOARD_EXPORT
PAST_PARTICIPANTS_JSON = ReportCode.PAST_PARTICIPANTS_JSON
API_ROWS_CSV = ReportCode.API_ROWS_CSV
NO_MATCHING_MEETING = ReportCode.NO_MATCHING_MEETING
