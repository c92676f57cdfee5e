"""Open311 GeoReport v2 under /open311/v2/: civic-tech clients file and follow PAKN, in XML and JSON."""
