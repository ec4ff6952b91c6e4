"""The only door between QGIS and the pure engines: layers <-> GeoDataFrames and numpy arrays."""
