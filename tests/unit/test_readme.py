"""The README stays a page for the planner and the newcomer (issue 27): short, and every link in it
leads to a file and heading that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip("# ").strip().lower()).replace(" ", "-")


def test_readme_is_under_250_lines():
    assert len(README.splitlines()) < 250


def test_every_relative_link_resolves():
    links = re.findall(r"\]\(([^)#\s]+)(?:#([^)\s]*))?\)", README)
    assert len(links) > 20
    for target, anchor in links:
        if target.startswith(("http://", "https://")):
            continue
        path = ROOT / target
        assert path.exists(), f"README links to {target}, which does not exist"
        if anchor:
            headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
            assert anchor in {github_anchor(h) for h in headings}, f"no heading #{anchor} in {target}"
