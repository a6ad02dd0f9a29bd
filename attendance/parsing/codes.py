"""The stable machine codes a ReportError carries (tests assert them; the UI translates them)."""

from __future__ import annotations

NOT_A_REPORT = "not_a_report"  # empty, binary, a spreadsheet or PDF, undecodable text
UNKNOWN_FORMAT = "unknown_format"  # readable, but not a report FullCredit knows
UNIQUE_USERS_EXPORT = "unique_users_export"  # meeting export made with "Show unique users"
MALFORMED_JSON = "malformed_json"  # a JSON file that does not parse, or has the wrong shape
MISSING_COLUMN = "missing_column"  # a required column (Join Time, Leave Time, a name) is absent
BAD_DATE = "bad_date"  # a time in a form FullCredit does not recognise, or an impossible date
MISSING_TIME = "missing_time"  # a connection row with a join time but no leave time, or the reverse
JOIN_AFTER_LEAVE = "join_after_leave"
INCONSISTENT_DATES = "inconsistent_dates"  # day-first and month-first dates in one file
NONEXISTENT_LOCAL_TIME = "nonexistent_local_time"  # a time inside a spring-forward gap
UNKNOWN_TIME_ZONE = "unknown_time_zone"
MIXED_FORMATS = "mixed_formats"  # several files of different formats in one import
NO_FILES = "no_files"
# A Zoom export in a portal language whose headers FullCredit does not read yet.
UNSUPPORTED_LANGUAGE = "unsupported_language"
# Zoom exports that hold no usable join and leave times; each message names the one to use.
DASHBOARD_EXPORT = "dashboard_export"  # Dashboard → Meetings → Participants (times, no dates)
PAST_PARTICIPANTS_JSON = "past_participants_json"  # /past_meetings/{id}/participants: no times
API_ROWS_CSV = "api_rows_csv"  # report-API rows saved as CSV (join_time, leave_time in UTC)
# An account-wide export with several meetings, none of them at the event's time.
NO_MATCHING_MEETING = "no_matching_meeting"
