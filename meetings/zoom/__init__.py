"""Zoom as a meeting provider: the API client, webinars and registrants, reports, webhooks."""
