"""Puts the statistics dashboard in the main navigation; called once from ``CasesConfig.ready``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hamkor.core.navigation import Section, register_section


def install_statistics_navigation() -> None:
    """Analysts and programme officers (``statistics.view``) see a "Statistics" entry; nobody else does."""
    register_section(Section(_("Statistics"), "cases:statistics_dashboard", "statistics.view", app_label="cases"))
