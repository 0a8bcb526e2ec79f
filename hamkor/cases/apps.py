from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "hamkor.cases"
    label = "cases"
    verbose_name = _("Case management")

    def ready(self) -> None:
        """Plug the module into the platform: policy, navigation, dashboard, schedule, key rotation, demo."""
        from hamkor.cases import referral_queries, tasks
        from hamkor.cases.access import install_cases_policy
        from hamkor.cases.demo import seed_cases
        from hamkor.cases.queries import due_panel
        from hamkor.cases.services.dossiers import reseal_drafts
        from hamkor.cases.services.people import reindex_stale_names
        from hamkor.cases.statistics import REFRESH
        from hamkor.core.audit import FLAGGED_ACTIONS
        from hamkor.core.dashboard import Panel, register_panel
        from hamkor.core.demo import EXTRA_SEEDS
        from hamkor.core.navigation import Section, register_section
        from hamkor.core.rotation import AFTER_ROTATION
        from hamkor.core.schedule import every, every_day

        install_cases_policy()
        every_day("cases.apply_retention", tasks.apply_retention_daily)
        every_day("cases.refresh_child_flags", tasks.refresh_child_flags_daily)
        every_day("cases.withdraw_unconsented_dossiers", tasks.withdraw_unconsented_dossiers_daily)
        every("cases.refresh_statistics", tasks.refresh_statistics_every_ten_minutes, REFRESH)
        register_panel(Panel("cases/dashboard_panel.html", "case.view", due_panel))
        register_panel(Panel("cases/referrals/dashboard_panel.html", "referral.view", referral_queries.due_panel))
        for hook in (reindex_stale_names, reseal_drafts):
            if hook not in AFTER_ROTATION:
                AFTER_ROTATION.append(hook)
        if seed_cases not in EXTRA_SEEDS:
            EXTRA_SEEDS.append(seed_cases)
        FLAGGED_ACTIONS.update({"case.break_glass", "consent.override"})
        register_section(Section(_("Cases"), "cases:list", "case.view", app_label="cases"))
        register_section(Section(_("Referrals"), "cases:referral_list", "referral.view", app_label="cases"))
        register_section(Section(_("Statistics"), "cases:statistics_dashboard", "statistics.view", app_label="cases"))
        register_section(Section(_("Council dossiers"), "cases:dossier_list", "dossier.view", app_label="cases"))
        register_section(Section(_("Retention"), "cases:retention_overview", "case.legal_hold", app_label="cases"))
