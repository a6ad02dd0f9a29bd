"""Staff pages for attendance: import, the actual schedule, outcomes, the unplaced queue, each
registrant's receipt and the CSV export. Every change goes through an attendance service."""
