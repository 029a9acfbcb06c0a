"""The closed vocabularies of applications for disclosure, as Literal types.

The command line offers exactly these values and the core tests them. Kept in a module of
their own, importing nothing, so that defining the commands does not load the core.
"""

from __future__ import annotations

from typing import Literal

# the outcomes of the 2021 annual-report form's table 三 (and the 2008 Regulations' art.
# 21(一) `already_public`); mapped onto the 2021 and 2014 forms in core/stats/templates/
Outcome = Literal["disclosed", "partly_disclosed", "not_disclosed", "not_exist", "not_held",
                  "not_government_information", "not_made", "still_unclear", "not_processed",
                  "already_public", "other_channel"]
# not_disclosed: table 三 （三） 1–8 (commercial_secret and privacy are 4., third_party);
# not_processed: （五） 1–5
Ground = Literal["state_secret", "commercial_secret", "privacy", "security_stability",
                 "other_law", "third_party", "internal_affairs", "process_info",
                 "enforcement_file", "query_matter", "complaint", "repeat", "publication",
                 "mass_repeat", "confirm_reissue"]
Channel = Literal["in_person", "mail", "fax", "email", "web"]
# how the receipt day was fixed (2019 art. 31; for 2015 国办公开办函〔2015〕207号): handed in
# on the day, the day the post was signed for, the day the agency and the applicant both
# confirmed it, the day the mail system received it
ReceiptBasis = Literal["handed_in", "signed_for", "confirmed", "system_received"]
# the applicant columns of the 2021 annual-report form, table 三
ApplicantKind = Literal["natural_person", "commercial_enterprise", "research_institution",
                        "social_welfare_org", "legal_service_org", "other_org"]
PauseReason = Literal["clarify", "third-party", "other-agency"]
# the fees of an application (`request fee --item`): 2008 art. 27's 检索、复制、邮寄 costs and
# 2019 art. 42's 信息处理费; which of them are lawful is the law profile's (`fee_items`)
FeeItem = Literal["search", "copy", "post", "processing"]
# `request close`: the 2021 form's table 三 （六） 1–3 (视为放弃, fee unpaid, other)
CloseReason = Literal["abandoned", "fee_unpaid", "other"]
# complaint: 举报投诉 about the handling of an application (2014 form, section 六)
AppealKind = Literal["reconsideration", "lawsuit", "complaint"]
AppealResult = Literal["upheld", "corrected", "other", "pending"]
# what units hand in, as `history --kind` names it (inspections are the office's own record)
SubmissionKind = Literal["plan", "monthly", "summary", "annual_report"]
# annual-report statistics templates (qth_disclosure/core/stats/templates/)
TemplateId = Literal["2014", "2021"]
# the figures of the proactive-disclosure table (2021 form table 二; `fees` in 万元)
ProactiveItem = Literal["regulations_made", "regulations_repealed", "regulations_in_force",
                        "normative_documents_made", "normative_documents_repealed",
                        "normative_documents_in_force", "licences", "penalties",
                        "enforcement_measures", "fees"]
