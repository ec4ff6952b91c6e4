"""Multi-plan integration (多规合一): land-use codes, control-line conflict rules and checks, the
production-living-ecological space structure and the topology check of planning layers. Pure engines;
the Processing algorithms are in processing.py."""
