"""Drainage domain (flood resilience): drainage corridors and waterlogging-prone depressions from a
DEM. The hydrology primitives (pyflwdir) are wrapped in hydrology.py so the engine can change."""
