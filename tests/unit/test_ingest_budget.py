"""Each source's hourly allowance of items: full at first, spent by what it publishes,
refilled evenly over the hour, never more than an hour's worth."""

from services.ingest.budget import ItemBudget


def test_a_source_spends_its_own_budget_and_it_refills_over_the_hour():
    budget = ItemBudget(per_hour=600)
    assert budget.available("flood", 0.0) == 600
    budget.spend("flood", 600, 0.0)
    assert budget.available("flood", 0.0) == 0
    assert budget.available("honest", 0.0) == 600  # another source's is its own
    assert budget.available("flood", 59.0) == 9  # ten a minute
    assert budget.available("flood", 60.0) == 10
    budget.spend("flood", 10, 60.0)
    assert budget.available("flood", 60.0) == 0
    assert budget.available("flood", 60.0 + 7200) == 600  # refilled to an hour's worth, no more
    assert budget.available("flood", 30.0) == 600  # a clock stepping back takes nothing away
