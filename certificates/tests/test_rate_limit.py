from django.core.cache import cache
from django.urls import reverse


def test_verification_is_rate_limited_per_address(client, db, settings):
    cache.clear()
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 3
    url = reverse("certificates:verify", args=["not-a-real-code-000000"])
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    json_url = reverse("certificates:verify_json", args=["not-a-real-code-000000"])
    limited = client.get(json_url, REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) <= 60
    # Another address is not affected.
    assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 404
    cache.clear()
