"""Terrain of a DEM for town building (城镇建设适宜性, 城镇上山): slope, relief, grades, exclusions
and per-unit areas. Pure engines; the Processing door is processing/."""
