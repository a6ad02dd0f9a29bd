import pytest

from meetings.simulated.devices import device_label
from meetings.tests.conftest import CHROME_LINUX, SAFARI_IPHONE

EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (SAFARI_IPHONE, "Safari on iOS"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (FIREFOX_MAC, "Firefox on macOS"),
        (CHROME_ANDROID, "Chrome on Android"),
        ("", "Unknown browser on an unknown system"),
    ],
)
def test_the_device_is_named_by_its_most_specific_browser_and_system(user_agent, label):
    assert device_label(user_agent) == label
