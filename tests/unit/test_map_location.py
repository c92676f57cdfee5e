"""A shared location as officers see it: coordinates to paste anywhere, and a map link with a marker."""

from __future__ import annotations

from feedback.domain.model import Location


def test_a_location_reads_as_coordinates_and_opens_on_a_map() -> None:
    flooded = Location(16.0678901234, 108.22012)
    assert flooded.coordinates == "16.067890, 108.220120"
    assert (
        flooded.map_url == "https://www.openstreetmap.org/?mlat=16.067890&mlon=108.220120#map=18/16.067890/108.220120"
    )
