"""The review grid's shape, without a window: cells, orientation and filters."""

from __future__ import annotations

from app.core.project import Project
from app.core.workspace.review_grid import Cell, all_cells, cell_at, grid_axes, keeps


def test_cells_follow_each_templates_channels(demo_project: Project) -> None:
    cells = all_cells(demo_project)
    assert Cell("invoice_ready", "ar", "whatsapp") in cells
    assert not any(c.template == "login_code" and c.channel == "email" for c in cells)
    expected = sum(len(t.channels) for t in demo_project.templates.values()) * \
        len(demo_project.config.locales)
    assert len(cells) == expected


def test_rows_and_columns_can_be_swapped(demo_project: Project) -> None:
    rows, columns = grid_axes(demo_project, templates_as_rows=True)
    t_rows, t_columns = grid_axes(demo_project, templates_as_rows=False)
    assert (t_rows, t_columns) == (columns, rows)
    assert all(r.is_template for r in rows) and not any(c.is_template for c in columns)
    assert cell_at(demo_project, rows[0], columns[0]) == \
        cell_at(demo_project, t_rows[0], t_columns[0])


def test_filters() -> None:
    assert keeps("approved", "all")
    assert not keeps("approved", "needs_review")
    assert all(keeps(s, "needs_review")
               for s in ("unreviewed", "changes_requested", "changed_since_approval"))
    assert keeps("changed_since_approval", "changed_since_approval")
    assert not keeps("changes_requested", "changed_since_approval")


def test_sample_problems_are_the_rules(demo_project: Project) -> None:
    from app.core.sample_schema import sample_problems

    template = demo_project.templates["invoice_ready"]
    text = '{\n  "amount_due": "lots",\n  "currency": "dollars"\n}'
    problems = sample_problems("invoice_ready", template.variables,
                               {"amount_due": "lots", "currency": "dollars"}, text)
    by_key = {p.key: p for p in problems}
    assert by_key["amount_due"].line == 2
    assert "should be a number" in by_key["amount_due"].message
    assert by_key["currency"].line == 3
    assert any("is required" in p.message and p.line == 0 for p in problems)
