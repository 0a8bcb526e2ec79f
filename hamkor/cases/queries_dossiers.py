"""Reads of Council dossiers shared by pages and API, starting from the access policy.

Case staff see the dossiers of their cases in every status. Anyone else the policy lets see dossiers (Council
experts) sees only dossiers that were sent and whose person's consent to the Council still stands: a
withdrawn consent hides a dossier from the Council at once, before anyone withdraws it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from hamkor.cases.codes import ALPHABET
from hamkor.cases.domains import Purpose
from hamkor.cases.dossiers import KIND_LABELS, PRIORITY, Finding, Identifiers, Kind, check_text
from hamkor.cases.models import Case, Consent, ConsentOverride, Dossier
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.normalise import clean
from hamkor.core.policy import holds

SEALED = "sealed_text"


def _council_consent(case: str, person: str) -> Q:
    """Rows whose case has an active consent to the Council, or a supervisor's override made after the last
    withdrawal: the rule of ``services.consents.consent_covers``, as one condition on ``case``/``person``
    (the names of the case and person columns of the rows filtered)."""
    consents = Consent.objects.filter(person_id=OuterRef(person), purpose=Purpose.COUNCIL)
    withdrawals = consents.filter(withdrawn_at__isnull=False)
    overrides = ConsentOverride.objects.filter(case_id=OuterRef(case), purpose=Purpose.COUNCIL)
    # Inside the overrides' query the outer row is the override: its case's person is the same person.
    last_withdrawal = (
        Consent.objects.filter(person_id=OuterRef("case__person_id"), purpose=Purpose.COUNCIL)
        .filter(withdrawn_at__isnull=False)
        .order_by("-withdrawn_at")
        .values("withdrawn_at")[:1]
    )
    return Q(
        Exists(consents.filter(withdrawn_at__isnull=True))
        | (Exists(overrides) & ~Exists(withdrawals))
        | Exists(overrides.filter(at__gt=Subquery(last_withdrawal)))
    )


def with_council_consent(rows: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The dossiers whose person's consent to the Council stands."""
    return rows.filter(_council_consent("case_id", "case__person_id"))


def council_consent_stands(case: Case) -> bool:
    """``consent_covers(case, Purpose.COUNCIL)`` in one query (the case page shows it on every view)."""
    return Case.objects.filter(pk=case.pk).filter(_council_consent("pk", "person_id")).exists()


def is_case_staff(user: Any) -> bool:
    return holds(user, "case.view")


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    rows: QuerySet[Dossier] = Dossier.objects.restrict(user, "view")
    if not is_case_staff(user):
        # The policy's scope also reaches the drafts of the user's own organisation's cases; someone who is
        # not case staff (an expert working for that organisation) sees only what was sent to the Council.
        rows = with_council_consent(rows.filter(status=Dossier.Status.SENT))
    return rows.select_related("case")


def sent_dossiers(user: Any) -> QuerySet[Dossier]:
    """The dossiers sent to the Council that the user may read, newest first."""
    return visible_dossiers(user).filter(status=Dossier.Status.SENT).order_by("-sent_at", "pk")


def awaiting_approval(user: Any) -> list[Dossier]:
    """The submitted dossiers of the user's organisation's cases that the user did not help prepare (build,
    edit, check or submit), oldest first: the approving supervisor's work list (a few rows, so the list of
    contributors is read in Python: SQLite cannot look inside a JSON list)."""
    if not holds(user, "dossier.approve"):
        return []
    rows = visible_dossiers(user).filter(
        status=Dossier.Status.AWAITING_APPROVAL, case__organisation_id=getattr(user, "organisation_id", None) or 0
    )
    rows = rows.select_related("submitted_by").order_by("submitted_at", "pk")
    return [dossier for dossier in rows if user.pk not in (dossier.contributors or [])]


def case_dossiers(user: Any, case: Case) -> QuerySet[Dossier]:
    return visible_dossiers(user).filter(case=case).order_by("-built_at", "pk")


def find_dossier(user: Any, code: str, action: str = "view") -> Dossier:
    """The dossier the user may ``action`` (404 otherwise), not audited: a write audits itself."""
    rows = visible_dossiers(user) if action == "view" else Dossier.objects.restrict(user, action)
    found = rows.select_related("case", "case__person").filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


def record_read(user: Any, dossier: Dossier) -> None:
    with transaction.atomic():
        record(user, "dossier.read", dossier, details={"status": dossier.status})


def open_dossier(user: Any, code: str) -> Dossier:
    """The dossier with this code if the user may read it, the read audited."""
    found = find_dossier(user, code)
    record_read(user, found)
    return found


def dossier_text(dossier: Dossier) -> str:
    """The free text: sealed on its own while a draft (it may still hold what it is checked for), part of the
    content once sent (the whole content is sealed at rest either way)."""
    sealed = dossier.content.get(SEALED)
    if sealed:
        return keyring().decrypt(str(sealed))
    return str(dossier.content.get("text", ""))


def readable_content(dossier: Dossier) -> dict[str, Any]:
    """The content as its readers see it: the text opened, the sealed form left out."""
    content = {k: v for k, v in dossier.content.items() if k != SEALED}
    content["text"] = dossier_text(dossier)
    return content


# --- what the Council may be told about a dossier ---------------------------------------------------------


def identifier_findings(dossier: Dossier | None, text: str, today: date) -> list[Finding]:
    """What identifies someone in ``text`` written to the Council about ``dossier``: the dossier checker
    (``check_text``) with the names, dates of birth, places, documents and codes of the dossier's case and
    family (``read_case``), as the dossier's own text is checked. Without a dossier there is no family to
    compare with, so only what identifies anyone is found (codes, emails, phones, document-like and long
    numbers); a full date alone identifies nobody then and is left out. Nothing is written or audited."""
    from hamkor.cases.services.common import CaseRuleError
    from hamkor.cases.services.dossiers import read_case  # it imports this module

    if dossier is None:
        return [f for f in check_text(text, Identifiers()) if f.kind != Kind.DATE]
    try:
        _facts, identifiers = read_case(dossier.case, today)
    except CaseRuleError:  # the person was anonymised: their identity is gone, the patterns still apply
        identifiers = Identifiers(codes=frozenset({dossier.case.code, dossier.case.person.code}))
    return check_text(text, identifiers)


def finding_labels(findings: Iterable[Finding]) -> list[str]:
    """The kinds found, in words ("a name in this family"), each once, the most serious first."""
    kinds = {f.kind for f in findings}
    return [str(KIND_LABELS[kind]) for kind in PRIORITY if kind in kinds]


# A case reference is a keyed digest of a case number (HMAC under the blind-index key derived from the data
# key), so the Council can tell "the case behind this dossier is the one this expert named" without holding
# any case number, and nobody without the key can compute one. The prefix keeps these digests apart from the
# name index's.
_CASE_NUMBER = re.compile(rf"[A-Z]{{2}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}/\d{{1,6}}")


def _reference_token(code: str) -> str:
    return f"case-number:{code}"


def case_reference(code: str) -> tuple[str, str]:
    """The (key id, digest) that stands for the case number ``code`` under the current key. Refuses what is
    not shaped like a case number (``UZ-7K3Q-9D2M/1``): the number is not kept, so a typo could never be seen
    again. Whether such a case exists is not checked, and not told."""
    number = clean(code).strip().upper()
    if not _CASE_NUMBER.fullmatch(number):
        raise ValidationError(_("Give a case number such as UZ-7K3Q-9D2M/1."))
    return keyring().blind_index(_reference_token(number))


def legacy_case_reference(code: str) -> tuple[str, str]:
    """``case_reference`` without the shape check: for case numbers stored before references existed."""
    return keyring().blind_index(_reference_token(clean(code).strip().upper()))


def dossier_case_references(dossier: Dossier) -> frozenset[str]:
    """The digests of the case behind ``dossier`` under every key loaded (during a key rotation a reference
    may still be under the previous key)."""
    return frozenset(keyring().blind_indexes(_reference_token(dossier.case.code)).values())


def rekeyed_case_references(stale: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """After a key rotation: for each (key id, digest) of ``stale`` that is the reference of an existing case
    under a key still loaded, the reference of that case under the current key. Goes through every case
    number once; a reference that matches no case (a number typed wrongly or of a case since erased) has no
    new form and is left out."""
    wanted = set(stale)
    if not wanted:
        return {}
    ring = keyring()
    old_keys = {key_id for key_id, _digest in wanted} & set(ring.by_id) - {ring.current.key_id}
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for code in Case.objects.values_list("code", flat=True).iterator(chunk_size=2000):
        token = _reference_token(code)
        for key_id, digest in ring.blind_indexes(token).items():
            if key_id in old_keys and (key_id, digest) in wanted:
                found[(key_id, digest)] = ring.blind_index(token)
    return found
