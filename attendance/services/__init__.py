"""The write paths for attendance; views, commands, tasks and the API call these."""
