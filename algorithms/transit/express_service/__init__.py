"""The express (大站直达) service algorithm: QGIS glue in processing.py over the transit engines."""
