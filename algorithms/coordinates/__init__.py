"""Chinese map coordinate systems (GCJ-02, BD-09) and their conversion to WGS84."""
