"""The plain-text channel's own words, in Vietnamese."""

from __future__ import annotations

PICK_BY_NUMBER = "Gõ số để chọn."
LINK = "{label}: {url}"
PHONE_REQUEST = "(Gõ số điện thoại của bạn.)"
MEDIA = "[{kind}: {caption}]"
