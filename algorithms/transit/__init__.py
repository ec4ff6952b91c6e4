"""Metropolitan commuting: metro station walking catchments and express (大站直达) service evaluation.

Pure engines (no QGIS): `runtime` (train run times), `lines` (stations ordered along lines,
validated), `commute` (station-line graph, door-to-door times to a destination), `report_pages`
(the HTML reports). `processing/` holds the QGIS Processing algorithms, one per module.
"""
