"""The population field a model picks when the planner leaves it empty."""

from urbanization_planning.algorithms.population_field import guess_population_field


def test_named_fields_are_found_case_insensitively():
    assert guess_population_field(["fid", "id", "population"]) == "population"
    assert guess_population_field(["fid", "POP"]) == "POP"
    assert guess_population_field(["OBJECTID", "RKS"]) == "RKS"
    assert guess_population_field(["fid", "Rk"]) == "Rk"
    assert guess_population_field(["fid", "常住人口数"]) == "常住人口数"
    assert guess_population_field(["fid", "pop_2020"]) == "pop_2020"


def test_an_exact_name_wins_over_a_likeness_and_ids_never_count():
    assert guess_population_field(["pop2020", "population"]) == "population"
    assert guess_population_field(["fid", "id", "pop_id", "area"]) is None
    assert guess_population_field([]) is None
    assert guess_population_field(["fid", "popularity"]) is None
