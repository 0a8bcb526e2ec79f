from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "hamkor.cases"
    label = "cases"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from hamkor.cases.access import install_cases_policy
        from hamkor.cases.demo import seed_cases
        from hamkor.cases.queries import due_panel
        from hamkor.cases.services.people import reindex_stale_names
        from hamkor.core.audit import FLAGGED_ACTIONS
        from hamkor.core.dashboard import Panel, register_panel
        from hamkor.core.demo import EXTRA_SEEDS
        from hamkor.core.navigation import Section, register_section
        from hamkor.core.rotation import AFTER_ROTATION

        install_cases_policy()
        register_panel(Panel("cases/dashboard_panel.html", "case.view", due_panel))
        if seed_cases not in EXTRA_SEEDS:
            EXTRA_SEEDS.append(seed_cases)
        FLAGGED_ACTIONS.update({"case.break_glass", "consent.override"})
        if reindex_stale_names not in AFTER_ROTATION:
            AFTER_ROTATION.append(reindex_stale_names)
        register_section(Section(_("Cases"), "cases:list", "case.view", app_label="cases"))
