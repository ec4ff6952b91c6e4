"""Processing algorithms and the pure planning engines they call. No QGIS imports here."""
