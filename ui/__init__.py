"""The planner's desk: Qt dialogs on top of the Processing algorithms (qgis.PyQt only, .ui files
loaded by path)."""
