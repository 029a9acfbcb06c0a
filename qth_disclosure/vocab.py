"""The closed vocabularies of applications for disclosure, as Literal types.

The command line offers exactly these values and the core tests them. Kept in a module of
their own, importing nothing, so that defining the commands does not load the core.
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["disclosed", "partly_disclosed", "not_disclosed", "not_exist", "not_held",
                  "not_government_information"]
Ground = Literal["state_secret", "commercial_secret", "privacy", "security_stability",
                 "other_law"]
Channel = Literal["in_person", "mail", "fax", "email", "web"]
# the applicant columns of the 2021 annual-report form, table 三
ApplicantKind = Literal["natural_person", "commercial_enterprise", "research_institution",
                        "social_welfare_org", "legal_service_org", "other_org"]
PauseReason = Literal["clarify", "third-party"]
AppealKind = Literal["reconsideration", "lawsuit"]
AppealResult = Literal["upheld", "corrected", "other", "pending"]
# what units hand in, as `history --kind` names it (inspections are the office's own record)
SubmissionKind = Literal["plan", "monthly", "summary", "annual_report"]
# annual-report statistics templates (qth_disclosure/core/stats/templates/)
TemplateId = Literal["2014", "2021"]
