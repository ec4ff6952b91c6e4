"""The green-city engines' warnings (greenspace.messages) in the user's language, for every door
that runs those engines (the city health check too). Module-level tr(): context '@default'."""

from __future__ import annotations

from ....translation import tr


def engine_message(message) -> str:
    """An engine warning (greenspace.messages) in the user's language."""
    templates = {
        "entrances_ignored": tr("{} entrance(s) lie farther than {} m from every park and were ignored"),
        "parks_derived": tr("{} park(s) have no entrance; access points were derived along their boundary"),
        # fmt: off
        "homes_unreachable": tr(
            "{} residential feature(s) lie farther than {} m from every street: distance left empty, counted as "
            "not covered (where the streets do not reach them, clip the residential layer to the network's area)"
        ),
        # fmt: on
        "homes_unreachable_score": tr(
            "{} residential feature(s) lie farther than {} m from every "
            "street: score 0, counted as unreachable (not below the target)"
        ),
        "parks_unreachable": tr("{} park(s) have no access point within {} m of a street and were left out: {}"),
        "facilities_unreachable": tr("{} facility(ies) lie farther than {} m from every street and were left out"),
        "historic_rules_skipped": tr("No historic districts given: the historic-district rule(s) {} were not applied"),
        "class_values_unknown": tr(
            "{} park(s) have a park-class value that names no class "
            "(CJJ/T 85 code or name): classed by size instead: {}"
        ),
        "classes_by_size": tr(
            "{} park(s) without a class in the data were classed by size (GB/T 51346 grades): screening"
        ),
        "class_parks_not_scored": tr(
            "{} comprehensive or community park(s) are below every size threshold of the standard "
            "or off the network: counted in the per-capita area, not in the accessible area"
        ),
    }
    return templates[message.key].format(*message.args)
