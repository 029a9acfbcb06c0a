"""English messages."""

MESSAGES: dict[str, str] = {
    # ---- errors: command-line input
    "error_prefix": "error: ",
    "bad_date": "{what} {value!r} is not a date; use YYYY-MM-DD, e.g. 2015-09-10",
    "bad_month": "{what} {value!r} is not a month; use YYYY-MM, e.g. 2015-08",
    "year_out_of_range": "{what} {value!r} is out of range; use a year from {first} to {last}",
    "future_date": "{what} {value} is in the future; use a day on or before today ({today})",
    "before_plan": "{what} {value} is before the plan was issued ({issued}); use a later day",
    "unknown_agency": "unknown agency {value!r}; did you mean: {hint}",
    "unknown_agency_unlike": "unknown agency {value!r}; a unit is named by its code or name, "
    "such as {hint}",
    "unknown_task": "unknown task {value!r}; valid tasks include: {hint}",
    "task_not_monthly": "task {value} has no monthly reporting duty; monthly tasks: {valid}",
    "not_lead": "{agency} does not lead task {task}; its lead: {valid}",
    "month_outside_window": "month {value} is outside the reporting months {first}..{last}",
    "office_owes_nothing": "{value} is the coordinating office: it owes no plan or summary "
    "and is not inspected; name one of the reporting units",
    "empty_text": "{what} is empty; give it some text",
    "empty_subject": "--subject is empty; say what information the applicant asks for",
    "text_too_long": "{what} is {length} characters; the limit is {limit}",
    "text_nul": "{what} holds a NUL character (at character {position}), which the ledger "
    "cannot store; remove it",
    "text_not_utf8": "{what} holds bytes that are not UTF-8 text ({shown} at character "
    "{position}); give it again in UTF-8",
    "name_control": "{what} holds a control character ({shown} at character {position}); a "
    "name is one line of plain text",
    "bad_link": "link {value!r} is not a web address; use http:// or https://",
    "link_character": "link {value!r} holds {shown}, which a web address cannot hold as it "
    "is; percent-encode it (a space is %20)",
    "link_host": "link {value!r} names no valid host (or port); write it as "
    "https://host/path",
    "too_many_links": "{count} links given; the limit is {limit}",
    "unknown_submission": "no submission #{value} in this ledger; see 'disclose history'",
    "review_before_receipt": "review date {value} is before submission #{id} was received "
    "({received})",
    "void_before_receipt": "void date {value} is before submission #{id} was received ({received})",
    "clear_before_receipt": "clearance date {value} is before submission #{id} was received "
    "({received})",
    "clear_voided": "submission #{id} was voided on {voided}: a voided entry is published "
    "nowhere and needs no clearance; nothing written",
    "already_voided": "submission #{id} is voided already (void #{void}); nothing was written",
    "not_inspected_unit": "{value} is not inspected under the plan (the acceptance phase "
    "inspects units of kind {kinds})",
    "received_before_month": "--received {value} is before the month {month} began ({first}): a "
    "report cannot cover a month that has not begun; check --month and --received",
    "revision_before_revised": "--received {value} is before submission #{id} (received "
    "{received}), which this one would revise: a revision arrives after what it revises",
    "annual_report_needs_link": "an annual report is recorded by where it was published: give "
    "--link URL",
    "no_annual_report": "no law profile of the registry owes an annual report for {year}",
    "plan_items_empty": "{file} lists no plan items",
    "plan_items_too_many": "{file} lists {count} plan items; at most {limit}",
    "plan_item_column": "{file} row {row}: unknown column {value!r}; valid: {valid} (or matter, "
    "content, method, time_limit, person, task)",
    "plan_items_file": "cannot read {file}: {reason}",
    "plan_items_suffix": "{file}: plan items are read from .yaml, .yml, .csv or .xlsx",
    "options_items_plan_only": "--items goes with --kind plan",
    "options_monthly_or_kind": "give either --month (a monthly report; with --task unless the "
    "unit leads one monthly task) or --kind plan|summary, not both",
    "submit_needs_task": "{agency} leads {count} monthly tasks; name one with --task: {valid}",
    "submit_leads_no_monthly": "{agency} leads no monthly task, so it owes no monthly report; "
    "for its plan or summary give --kind plan|summary",
    "options_monthly_incomplete": "a monthly report needs --month YYYY-MM as well as --task",
    "options_accept_or_return": "give exactly one of --accept or --return",
    "bad_choice": "{what} {value!r} is not valid; use one of: {valid}",
    # ---- errors: the ledger
    "ledger_unreachable": "cannot reach the ledger server {location}: {reason}; nothing "
    "written",
    "ledger_bad_url": "{location} is not a PostgreSQL URL: {reason}; write it as "
    "postgresql://user@host/database",
    "ledger_no_schema": "the ledger server {location} has no schema to keep the ledger in "
    "({reason}): create it, or name an existing one in the URL's search_path; nothing "
    "written",
    "ledger_no_usage": "{role} has no privilege to use schema {schema} on the ledger server "
    "{location}; ask the ledger's owner to grant it (GRANT disclose_liaison TO {role}, or "
    "disclose_office for the office's people)",
    "ledger_bad_location": "{location} is a {scheme}:// address, not a ledger: a ledger is "
    "an SQLite file path or a postgresql:// URL",
    "ledger_sqlite_uri": "{location} is an SQLite URI, not a ledger location: give a plain "
    "file path (./{location} for a file of that name) or a postgresql:// URL",
    "ledger_conninfo": "{location} is a libpq key=value connection string, not a ledger "
    "location: write it as a URL, postgresql://user@host/database",
    "ledger_denied": "the ledger server {location} refused: {reason}; nothing written",
    "ledger_append_only": "ledger {location}: rows are append-only and cannot be changed or "
    "deleted; nothing changed",
    "ledger_letters_twice": "the ledger holds two letters about one application event "
    "(documents #{first} and #{second}); a letter is sent once per event: keep the ledger as "
    "it is and ask the office which of them was sent before upgrading",
    "ledger_too_new": "the ledger {location} has schema version {version}, newer than this "
    "disclose knows ({known}); upgrade disclose",
    "ledger_needs_migration": "the ledger {location} is at schema version {version} and this "
    "disclose needs {known}; the ledger's owner must run 'disclose db migrate' first",
    "ledger_needs_init": "there is no ledger at {location} yet, and you may not create one: "
    "its owner must run 'disclose db init' there",
    "ledger_unopenable": "cannot open the ledger {location}: {reason}",
    "ledger_is_directory": "{location} is a directory, not a ledger: a ledger is a file, "
    "such as ledger.sqlite3 in it",
    "ledger_not_sqlite": "{location} is not an SQLite database, so not a ledger; it was left "
    "as it is: give the ledger a file of its own",
    "ledger_foreign": "{location} is a database but not a ledger (it holds {tables}); it was "
    "left as it is: give the ledger a file, or a PostgreSQL schema, of its own",
    "ledger_kinds_unwidened": "{location}: the submissions table's definition is not the one "
    "the tool made, so the annual report cannot be added to its kinds; nothing was changed",
    "ledger_dir_missing": "directory {directory} does not exist; create it first, or name a "
    "file in one that does",
    "ledger_busy": "ledger busy ({location}): another process is writing; nothing written, "
    "try again",
    "ledger_readonly": "ledger {location} is read-only for you; nothing written",
    "ledger_full": "the disk holding the ledger {location} is full; nothing written",
    "ledger_write_failed": "could not write to the ledger {location}: {reason}; nothing written",
    # ---- errors: the registry
    "registry_invalid": "the registry has {count} problem(s)",
    "registry_more_problems": " (and {more} more; run 'disclose check')",
    "registry_dir_missing": "registry directory not found",
    "file_missing": "file not found",
    "file_unreadable": "cannot read the file: {reason}",
    "file_is_directory": "this is a directory; the registry reads only regular files",
    "file_is_special": "this is a FIFO, device or socket, not a regular file; the registry "
    "reads only regular files",
    "file_too_large": "the file is {size} bytes; a registry file may be at most {limit} MiB",
    "file_empty": "the file holds no data; it needs the top-level keys {keys}",
    "not_utf8": "the file is not UTF-8 text (byte {byte}); save it as UTF-8",
    "yaml_syntax": "YAML syntax error: {reason}",
    "yaml_character": "the character {char} is not allowed in YAML; remove it",
    "yaml_too_deep": "values nested more than {limit} levels deep; the registry needs only a few",
    "yaml_alias": "this value is reused through a YAML anchor and alias (&name, *name), which the "
    "registry does not allow; write the value out",
    "key_repeated": "key {key!r} repeated in {where}",
    "not_mapping": "{where} must be a mapping of keys to values",
    "not_list": "{where} must be a non-empty list",
    "unknown_key": "unknown key {key!r} in {where}; valid keys: {valid}",
    "missing_key": "{where} is missing {key!r}",
    "not_text": "{where} must be non-empty text",
    "not_text_list": "{where} must be a list of non-empty texts",
    "not_text_map": "{where} must be a mapping of names to non-empty texts",
    "not_date": "{where} must be a date YYYY-MM-DD, not {value!r}",
    "date_with_time": "{where} must be a date YYYY-MM-DD without a time of day, not {value}",
    "no_such_day": "{where} is {value}, which is not a real date; write an existing day as "
    "YYYY-MM-DD",
    "not_month": "{where} must be a quoted month \"YYYY-MM\", not {value!r}",
    "not_one_of": "{where} is {value!r}; valid: {valid}",
    "not_phone": "{where} is {value!r}, not a telephone number (digits, spaces, '-', "
    "'(', ')', a leading '+')",
    "not_email": "{where} is {value!r}, not one email address (name@example.gov.cn)",
    "bad_due_rule": "{where} is {value!r}; use month_end, {{next_month_day: N}} (N 1-28) or "
                    "{{rule: RRULE, counted_from: ..., roll: ..., set_by: ..., text: ...}}",
    "bad_rule": "{where} is {value!r}, not a recurrence rule: an RFC 5545 RRULE such as "
                "FREQ=MONTHLY;BYMONTHDAY=-1, without DTSTART, COUNT or UNTIL",
    "rule_gives_no_day": "{where}: the rule {value!r} gives no day within four years",
    "periods_not_months": "monthly_reporting.every {value!r} starts a period on a day other "
                          "than a month's first; periods are named by their first month",
    "roll_not_covered": "monthly_reporting or phases roll a due day on the official "
                        "working-day calendar, which does not cover {year} (it covers "
                        "{first}-{last}); upgrade chinesecalendar, add the year's days to "
                        "working_calendar, or use roll: none",
    "bad_code": "agency code {value!r} must be lower-case letters, digits, '-' or '_'",
    "duplicate_code": "agency code {value!r} is used twice",
    "duplicate_name": "name {value!r} is already used by agency {other}",
    "unknown_agency_code": "unknown agency code {value!r}{hint}",
    "bad_timezone": "unknown time zone {value!r}; use an IANA name such as Asia/Shanghai",
    "phase_dates_reversed": "phase {id} ends ({end}) before it starts ({start})",
    "phases_out_of_order": "phase {second} ends before phase {first}; list phases in the "
    "plan's order",
    "phase_deliverable_missing": "no phase carries the deliverable(s): {kinds}",
    "duplicate_phase_deliverable": "two phases carry the deliverable {value!r}",
    "duplicate_id": "id {value!r} is used twice",
    "bad_task_id": "task id {value!r} must start with a letter and hold letters, digits, "
    "'-', '_' or '.'",
    "unknown_section": "unknown section {value!r}; valid: {valid}",
    "months_reversed": "last_month {last} is before first_month {first}",
    "no_lead": "task {id} has no lead agency",
    "code_repeated": "agency {value!r} named twice in task {id}",
    "lead_and_cooperating": "task {id} names {codes} as both lead and cooperating",
    "check_ok": "registry ok: {agencies} agencies, {tasks} tasks ({monthly} with monthly "
    "reporting), {phases} phases ({source})",
    "check_failed": "{count} problem(s) found",
    # ---- labels
    "state.on_time": "on time",
    "state.late": "late",
    "state.missing": "missing",
    "state.pending": "pending",
    "state.returned": "returned",
    "state.pass": "pass",
    "state.rectify": "rectify",
    "state.fail": "fail",
    "state.not_inspected": "not inspected",
    "mark.on_time": "✓",
    "mark.late": "L",
    "mark.missing": "✗",
    "mark.pending": "-",
    "mark.returned": "R",
    "mark.pass": "✓",
    "mark.rectify": "!",
    "mark.fail": "✗",
    "mark.not_inspected": "○",
    "mark.not_owed": "—",
    "phase.upcoming": "upcoming",
    "phase.active": "active",
    "phase.done": "done",
    "kind.plan": "plan",
    "kind.monthly": "monthly report",
    "kind.summary": "summary",
    "kind.inspection": "inspection",
    "kind.annual_report": "annual report",
    "verdict.pass": "pass",
    "verdict.fail": "fail",
    "verdict.rectify": "rectify",
    "verdict.accept": "accepted",
    "verdict.return": "returned",
    "agency_kind.office": "office",
    "agency_kind.bureau": "bureau",
    "agency_kind.district": "district",
    "agency_kind.county": "county",
    "all_units": "every unit",
    "yes": "yes",
    "no": "no",
    "col.code": "code",
    "col.name": "name",
    "col.full_name": "full name",
    "col.name_en": "English name",
    "col.kind": "kind",
    "col.id": "id",
    "col.section": "section",
    "col.title": "title",
    "col.bulletin_title": "title",
    "col.lead": "lead",
    "col.contacts": "contacts",
    "col.tasks_led": "tasks led",
    "col.cooperating": "cooperating",
    "col.monthly": "monthly",
    "col.unit": "unit",
    "unit.label": "{code} ({name})",
    "task.label": "{id} ({title})",
    "list_sep": ", ",
    "col.task": "task",
    "col.period": "month",
    "col.received": "received",
    "col.recorded": "recorded",
    "col.by": "by",
    "col.role": "role",
    "col.login": "login",
    "role.coordinator": "coordinator",
    "role.liaison": "liaison",
    "col.revision_of": "revises",
    "col.summary": "summary",
    "col.links": "links",
    "col.due": "due",
    "col.kind_due": "{kind} (due {due})",
    "col.state": "state",
    "col.phase": "phase",
    "col.from": "from",
    "col.consultation": "consultation",
    "col.consultation_ended": "consultation ended",
    "col.consultation_ended_on": "ended by itself",
    "col.to": "to",
    "col.timeline": "timeline",
    "col.timeline_today": "timeline (| = {day})",
    "col.count": "count",
    "col.verdict": "verdict",
    "status.title": "{title} ({number}): status as of {as_of}",
    "status.glance": "At a glance",
    "status.glance_problems": "Problems today: ",
    "status.glance_sep": ", ",
    "status.glance_failed": "inspections failed or to rectify {count}",
    "status.glance_overdue_applications": "applications overdue {count}",
    "status.glance_active": "Active phase: {phases}",
    "status.glance_phase": "{name} (to {end}, {days} days left)",
    "status.glance_no_phase": "none",
    "status.problems": "Problems",
    "status.no_problems": "Nothing missing, late, returned or failed.",
    "status.unit_only": "Unit: {unit}",
    "status.phases": "Phases",
    "status.phase_name": "{name} {name_en}",
    "status.state_detail": "{state}, {detail}",
    "status.days_left": "{days} days left",
    "status.last_day": "last day",
    "status.starts_in": "starts in {days} days",
    "status.monthly": "Monthly reports of the key-area leads (due {rule})",
    "status.rule_month_end": "the last day of each month",
    "status.rule_next_month_day": "day {day} of the following month",
    "status.rule_other": "rule {rule}",
    "status.rule_rolled": "{rule}; a rest day rolls to the next working day",
    "status.rule_rolled_back": "{rule}; a rest day moves to the working day before",
    "status.legend": "Legend: {marks}",
    "status.phase_deliverables": "Plans, summaries and inspections",
    "status.plans_incomplete": "Plans missing elements ({count})",
    "status.totals": "Totals",
    "status.next_deadline": "Next deadline: {due} ({days}), {count} item(s) ({what})",
    "status.today": "today",
    "status.in_days": "in {days} days",
    "status.nothing_pending": "Next deadline: none; nothing is pending",
    "status.no_monthly": "{unit} leads no task with monthly reporting.",
    "status.received_on": "{state} {day}",
    "submit.recorded": "recorded #{id}: {unit} {what}, received {received}, due {due}, {state}",
    "submit.revision": " (revision of #{of})",
    "submit.attached": "  attached {file}",
    "attachment.wrote": "wrote {path}: attachment #{id} {name}, {size} bytes, SHA-256 {sha256}",
    "attachment_unknown": "no attachment #{value}; 'disclose history' lists each submission's "
    "attachments with their numbers",
    "attachment_write_failed": "could not write {path}: {reason}; nothing written",
    "attach_unreadable": "cannot read {file} for --attach: {reason}; nothing recorded",
    "attach_not_a_file": "{file} is not a regular file: --attach takes a file (not a "
    "directory, device or pipe); nothing recorded",
    "attach_too_large": "{file} is {size} bytes, more than the {limit} bytes the registry "
    "allows an attachment (plan.attachments.max_bytes); nothing recorded",
    "attach_bad_name": "{file}: an attachment's name must be 1 to {limit} characters with "
    "no control characters; rename the file; nothing recorded",
    "inspect.recorded": "recorded inspection #{id}: {unit} {verdict} on {date}, {state}",
    "review.recorded": "recorded review #{id}: submission #{submission} {verdict} on {date}",
    "void.recorded": "recorded void #{id}: submission #{submission} counts nowhere from {date} "
    "on ({reason})",
    "clear.recorded": "recorded 保密审查 #{id}: submission #{submission} {result} on {date}",
    "clearance.passed": "passed",
    "clearance.withheld": "withheld",
    "submit.lint_warning": "warning: {rule}: {message}",
    "backdated_before_bulletin": "note: dated {day}, on or before the day of bulletin No. "
    "{number} ({month}, as of {as_of}); what that day shows now differs from the bulletin, "
    "which stays as issued",
    "history.review": "↳ review: {verdict}",
    "history.void": "↳ voided",
    "history.attachment": "↳ attached",
    "history.attachment_file": "#{id} {name} ({size} bytes, SHA-256 {sha256}…)",
    "history.entered_by": "{by} (entered by {login})",
    "history.empty": "no submissions",
    # ---- report, lint, bulletin
    "report.title": "{title} ({number}): daily report for {as_of}",
    "report.active_phase": "Active phase: {name} ({start} – {end}), {days} days left",
    "report.no_active_phase": "No phase is active.",
    "report.totals": "Totals: {items}",
    "report.rates": "On-time rates, as bulletins count them: {items}",
    "report.overdue": "Overdue ({count})",
    "report.due_soon": "Due in the next {days} days ({count})",
    "report.not_inspected": "Inspections the office ({office}) has not done by their day ({count})",
    "report.consultations_ended": "Applications whose consultation ended by itself, its "
    "bound passed with no resume recorded ({count})",
    "report.applications_due_soon": "Applications to answer within {days} working days ({count})",
    "report.arrived": "Arrived since {since} ({count})",
    "report.returned": "Returned for rework, awaiting resubmission ({count})",
    "report.uncleared": "Monthly reports awaiting 保密审查 before publication ({count}; record "
    "it with 'disclose clear')",
    "report.lint": "Quality findings on what arrived ({count}; {total} in all, see "
    "'disclose lint')",
    "report.none": "none",
    "report.superseded": "revision",
    "report.reminders": "催报 mailed the day before ({count})",
    "report.reminder": "{unit} to {to}",
    "report.reminder_refused": "refused: {addresses}",
    "remind.none": "no unit has anything overdue or due soon",
    "remind.none_sent": "no notices mailed",
    "remind.heading": "{unit} → {to}",
    "remind.no_address": "no contact with an email",
    "remind.not_sent_no_address": "not sent, for want of a contact with an email in "
    "agencies.yaml ({count}): {units}",
    "remind.already_sent": "{unit}: the same notice was mailed today already; not sent again",
    "remind.refused": "{unit}: {address} refused the notice: {reason}",
    "remind.sent": "{unit}: mailed to {count} of {of} addresses (ledger row #{id})",
    "remind.result_ok": "all delivered",
    "col.sent_at": "sent at",
    "col.recipients": "to",
    "col.items": "items",
    "col.result": "result",
    "col.row": "row",
    "import.where_column": "row {row}, column {column}",
    "import.where_row": "row {row}",
    "import.problem": "{where}: {problem}",
    "import.refused": "{count} problem(s) found; nothing was recorded",
    "import.more": " ({more} more not shown)",
    "import.skipped": "row {row}: already in the ledger as #{id}; skipped",
    "import.done": "recorded {count} submission(s) from {file} ({skipped} already in the "
    "ledger)",
    "import.would": "would record {count} submission(s) from {file} ({skipped} already in the "
    "ledger); nothing recorded (--dry-run)",
    "import.status.recorded": "recorded",
    "import.status.would_record": "would record",
    "import.status.already_recorded": "already recorded",
    "lint.month-not-started": "sent on {received}, before the month {month} had begun, so it "
    "cannot report on that month",
    "lint.month-not-ended": "sent on {received}, more than a week before the month ended "
    "({end}), so it leaves out the end of the month",
    "lint.short-summary": "says too little about the work done (only {length} characters)",
    "lint.same-as-previous-month": "repeats what was reported for {month}",
    "lint.no-link": "gives no web address of the information published",
    "lint.plan-item-incomplete": "item {item} of the plan does not say its {missing}",
    "lint.plan-task-uncovered": "the plan lists nothing for the tasks it leads: {tasks}",
    "lint.plan-without-items": "the plan is not set out item by item (what, content, how, by "
    "when, who)",
    "lint.clean": "no findings",
    "severity.error": "error",
    "severity.warning": "warning",
    "bulletin.issued": "issued bulletin No. {number} on {month} (ledger row #{id}; the chain "
    "stood at entry #{seq}, head {head})",
    "bulletin.none_issued": "no bulletins issued",
    "bulletin.reference": "as {reference}",
    "document.wrote": "wrote {path} ({format})",
    "bulletin_already_issued": "a bulletin on {month} was already issued (No. {number}); use "
    "--reissue to issue it again or --preview to look at it",
    "bulletin_number_taken": "bulletin No. {number} was already issued for {month}; choose "
    "another --number or leave it out",
    "bulletin_number_exhausted": "the next bulletin would be No. {number}, past the largest "
    "number a ledger holds ({limit}); give a smaller --number",
    "bulletin_months_reversed": "--to {last} is before --from {first}",
    "document_number_taken": "{reference} was taken by another document meanwhile (the next "
    "is No. {number}); issue it again",
    "letter_event_taken": "application #{id}'s event #{event} has its letter already "
    "({reference}); a letter is sent once per event; nothing recorded",
    "bulletin_not_issued": "no bulletin No. {number} was issued; `disclose bulletin --list` "
    "shows those that were",
    "bulletin_without_document": "bulletin No. {number} was issued before documents were "
    "kept: only its text (--format text or json) can be shown",
    "documents_not_configured": "{file} has no `documents:` section (the office's 发文字号, 版"
    "记 and letters' rules); see the README",
    "options_list_alone": "--list takes no --month, --number, --preview or --reissue",
    "options_preview_or_reissue": "give at most one of --preview and --reissue",
    "options_bulletin_month": "a bulletin needs --month YYYY-MM, or --from YYYY-MM and --to "
    "YYYY-MM (or --list)",
    "options_bulletin_kind_months": "--kind {kind} is on the plan's year, one per unit: it "
    "takes no --month, --from or --to (those are for --kind monthly)",
    "options_show_alone": "--show takes no --kind, --month, --as-of, --number, --preview or "
    "--reissue",
    "options_docx_name_other_format": "--out {value} names a .docx file but --format is "
    "{format}: leave --format out (or give --format docx) for the .docx, or name a file of "
    "another kind",
    "options_docx_needs_out": "--format docx writes a file: give --out FILE.docx",
    "options_remind_list_alone": "--list takes no --send, --as-of or --within",
    "remind_no_sender": "the office {office} lists no contact with an email in agencies.yaml: "
    "the notices need one to be sent from",
    "smtp_not_set": "--send needs DISCLOSE_SMTP: smtp://[user@]host[:port] (STARTTLS) or "
    "smtps://[user@]host[:port]",
    "smtp_bad_url": "DISCLOSE_SMTP is {value!r}: {reason}",
    "smtp_password_file": "cannot read DISCLOSE_SMTP_PASSWORD_FILE {path}: {reason}",
    "smtp_password_without_user": "DISCLOSE_SMTP {value!r} gives a password but no user",
    "smtp_no_starttls": "the mail server {server} does not offer STARTTLS: nothing was sent; "
    "use smtps:// or a server that does",
    "smtp_unreachable": "cannot use the mail server {server}: {reason}; nothing was sent",
    "options_template_alone": "--template takes no FILE and no --dry-run",
    "options_import_file": "give the sheet to import (FILE.xlsx or FILE.csv), or --template "
    "FILE.xlsx",
    "bad_import_suffix": "{value}: the file name must end in {valid}",
    "import_unreadable": "cannot read {path}: {reason}",
    "import_empty": "{path} holds no rows, not even a header",
    "import_too_many_rows": "the sheet has {count} rows; import at most {limit} at a time",
    "import_unknown_header": "unknown column {value!r}; valid: {valid} (or the template's "
    "Chinese headers)",
    "import_header_twice": "column {value!r} appears twice",
    "import_header_missing": "no column {column} ({zh})",
    "import_kind_missing": "no kind and no month: give the kind ({valid})",
    "import_bad_date": "{value!r} is not a day; write it as 2015-09-01, 2015/9/1 or "
    "2015年9月1日 (the year first), or use a date cell",
    "file_exists": "{path} already exists; choose a new file (nothing was written)",
    "col.item": "item",
    "col.days_overdue": "days overdue",
    "col.days_left": "days left",
    "col.reviewed": "reviewed",
    "col.comment": "comment",
    "col.rule": "rule",
    "col.severity": "severity",
    "col.message": "finding",
    "col.number": "No.",
    "col.as_of": "as of",
    "col.reissue_of": "reissue of",
    "export.wrote": "wrote {path} ({format}, as of {as_of})",
    "bad_export_suffix": "cannot export to {value}: the file name must end in one of {valid}",
    "bad_document_suffix": "cannot write a document to {value}: the file name must end in "
    ".docx",
    "export_dir_missing": "directory {value} does not exist; create it or choose another --out",
    "export_exists": "{value} already exists; choose a new file for the export (nothing is "
    "overwritten)",
    "export_write_failed": "could not write {value}: {reason}; nothing written",
    "export_too_many_rows": "cannot export to {value}: an .xlsx sheet holds at most {limit} "
    "rows and the ledger held {rows} submissions on {as_of}; export to .csv or .json instead; "
    "nothing written",
    # ---- publish: the key areas' disclosure column as a static site (always in Chinese)
    "publish.wrote": "published the key areas' column to {path}: {files} files (as of {as_of})",
    "publish.removed": "removed files of the last publish that this one no longer has: {files}",
    "publish_not_directory": "{value} is not a directory; choose a directory for --out",
    "publish_dir_missing": "the directory {value} is in does not exist; create it or choose "
    "another --out",
    "publish_foreign": "directory {value} holds files publish did not make ({files}); so as "
    "not to overwrite or remove them, choose an empty or new directory for --out",
    "publish_marker_unreadable": "{marker} in directory {value} is not the list of files "
    "publish writes; choose an empty or new directory for --out",
    "publish_write_failed": "could not write {value}: {reason}",
    "site.title": "Key areas' disclosure column",
    "site.title_sep": " - ",
    "site.skip": "Skip to the content",
    "site.basis": "Set up under {title} ({number})",
    "site.as_of": "As of ",
    "site.nav.label": "Sections",
    "site.nav.index": "Column",
    "site.nav.rank": "Ranking",
    "site.nav.overview": "Overview",
    "site.footer": "Set up by {office}: the key areas' information each responsible unit "
    "reports monthly, once reviewed.",
    "site.area.name": "{number}. {title}",
    "site.area.tasks": "The area's tasks",
    "site.index.intro": "The key areas' tasks and their responsible units, and what each "
    "unit reported monthly once the office reviewed it.",
    "site.published_count": "{count} published",
    "site.latest": "last updated {day}",
    "site.sep": "; ",
    "site.colon": ": ",
    "site.list_sep": ", ",
    "site.crumb_sep": " > ",
    "site.lead": "Responsible units",
    "site.cooperating": "Cooperating units",
    "site.none": "none",
    "site.requirement": "What the plan asks",
    "site.contents": "Information to publish",
    "site.published": "Published",
    "site.nothing_yet": "nothing published yet",
    "site.not_web_address": " (not a web address, not linked)",
    "site.received": "reported ",
    "site.accepted": "accepted ",
    "site.cleared": "cleared ",
    "site.back": "Back to the column",
    "site.overview.title": "Monthly reporting on the key areas: overview",
    "site.overview.intro": "For the office: the on-time rate of each month and each unit's "
    "state for each month.",
    "site.overview.rates": "On-time rate by month",
    "site.overview.rate_rule": "Counted as the bulletins count it: of the months past their "
    "due day, reports on time out of those owed, the office's own left out, rounded half up "
    "to one decimal.",
    "site.overview.grid": "Each unit's monthly reports",
    "site.overview.due": "due {day}",
    "site.overview.received": "received {day}",
    "site.overview.sep": "; ",
    "site.col.month": "month",
    "site.col.owed": "owed",
    "site.col.on_time": "on time",
    "site.col.rate": "on-time rate",
    "site.col.published": "published",
    "site.col.unit_task": "unit and task",
    "site.chart.title": "On-time rate by month",
    "site.chart.not_due": "not yet due",
    "site.rank.intro": "Scored under {rules}: a base of {base} points, plus and minus for "
    "each unit's plan, monthly reports, summary, annual report and inspection.",
    "site.rank.no_rules": "The registry sets no scoring rules (tasks.yaml's scoring): no "
    "ranking.",
    "site.rank.counts": "On time, late, missing and returned count each unit's reports "
    "owed (plan, monthly reports, summary, annual report).",
    # ---- applications for disclosure, registry law profiles
    "not_count": "{where} must be a whole number of days from 1 to 366, not {value!r}",
    "not_byte_count": "{where} must be a whole number of bytes from 1 to {limit}, not {value!r}",
    "not_flag": "{where} must be true or false, not {value!r}",
    # ---- scoring (考核) rules in tasks.yaml, and score / rank
    "not_points": "{where} must be a number of points from -10000 to 10000 with at most "
    "two decimals (6, -2, 0.5), not {value!r}",
    "floor_above_ceiling": "{where}: floor {floor} is above ceiling {ceiling}",
    "cap_without_bound": "{where} names no floor or ceiling; give one or both",
    "cap_repeated": "{where}: kind {value!r} is capped twice; give it one cap",
    "veto_without_effect": "{where} sets neither a score nor a grade; give one or both",
    "grade_min_repeated": "two grades start at {value} points; give each its own min",
    "no_scoring_rules": "the registry ({source}) has no scoring rules; add a 'scoring:' "
    "section to tasks.yaml (the shipped one has an example)",
    "office_not_scored": "{value} is the coordinating office: it reports K1 to itself and "
    "is not scored; name one of the reporting units",
    "law_dates_reversed": "law profile {id} ends before it takes effect",
    "law_profiles_overlap": "law profiles {first} and {second} overlap; list them in order, "
    "each ending before the next takes effect",
    "no_law_profile": "no law profile covers {value}; the registry has: {valid}",
    "calendar_not_covered": "the official working-day calendar does not cover {year} (it "
    "covers {first}-{last}); upgrade chinesecalendar or add the year's days to "
    "working_calendar in tasks.yaml",
    # ---- applications for disclosure
    "request.added": "registered application #{id}: {unit}, received {received}, due {due}, "
    "{state}",
    "request.answered": "answered application #{id}: {unit}, due {due}, {state}",
    "request.extended": "extended application #{id}: {unit}, now due {due}, {state}",
    "request.paused": "paused application #{id}: {unit}, the clock is stopped ({state})",
    "request.resumed": "resumed application #{id}: {unit}, now due {due}, {state}",
    "request.appealed": "recorded an appeal on application #{id}: {unit}, {state}",
    "request.closed": "closed application #{id}: {unit}, {state}",
    "request.fee_charge": "recorded a fee charged on application #{id}: {unit}, {amount} 元 "
    "for {items}, {state}",
    "request.fee_notice": "recorded a fee notice on application #{id}: {unit}, {amount} 元 for "
    "{items}; the clock is stopped until the fee is paid ({state})",
    "request.fee_paid": "recorded the payment of the fee on application #{id}: {unit}, "
    "{amount} 元 for {items}; now due {due}, {state}",
    "letter.issued": "issued {reference} on application #{id}",
    "letter.already_issued": "{reference} was issued before; shown as issued",
    "request.paused_due": "paused",
    "request.paused_since": "paused since {since}",
    "request.consultation_lapsed": "the {what} of {paused} ended by itself on {ended}: its "
    "{days} working days passed with no resume recorded, and the count went on from then",
    "request.lapsed_line": "#{id}: {text}",
    "consultation.third-party": "third-party consultation",
    "consultation.other-agency": "other-agency consultation",
    "request.none": "no applications received by {as_of}",
    "request.events": "Events",
    "request.fees": "Fees (元)",
    "fee.charge": "charged",
    "fee.notice": "fee notice (收费通知)",
    "fee.paid": "paid",
    "fee.item.search": "search (检索)",
    "fee.item.copy": "copying (复制)",
    "fee.item.post": "postage (邮寄)",
    "fee.item.processing": "information processing (信息处理费)",
    "request.state.open": "open",
    "request.state.overdue": "overdue",
    "request.state.answered_on_time": "answered on time",
    "request.state.answered_late": "answered late",
    "request.state.closed": "closed without an answer",
    "outcome.disclosed": "disclosed",
    "outcome.partly_disclosed": "partly disclosed",
    "outcome.not_disclosed": "not disclosed",
    "outcome.not_exist": "does not exist",
    "outcome.not_held": "not held by this agency",
    "outcome.not_government_information": "not government information",
    "outcome.not_made": "would have to be made (另行制作)",
    "outcome.still_unclear": "still unclear after correction",
    "outcome.not_processed": "not processed",
    "outcome.already_public": "already public",
    "outcome.other_channel": "to be obtained under its own law",
    "applicant.natural_person": "natural person",
    "applicant.commercial_enterprise": "commercial enterprise",
    "applicant.research_institution": "research institution",
    "applicant.social_welfare_org": "social welfare organisation",
    "applicant.legal_service_org": "legal service organisation",
    "applicant.other_org": "other organisation",
    "channel.in_person": "in person",
    "channel.mail": "mail",
    "channel.fax": "fax",
    "channel.email": "e-mail",
    "channel.web": "web",
    "receipt.handed_in": "handed in",
    "receipt.signed_for": "post signed for",
    "receipt.confirmed": "confirmed by both sides",
    "receipt.system_received": "received by the system",
    "event.answer": "answer",
    "event.extend": "extension",
    "event.pause": "pause",
    "event.resume": "resume",
    "event.appeal": "appeal",
    "event.why.clarify": "applicant asked to correct the application",
    "event.why.third-party": "third party consulted",
    "event.outcome": "outcome: {value}",
    "event.ground": "ground: {value}",
    "event.reason": "reason: {value}",
    "event.basis": "basis: {value}",
    "event.remedies": "remedies: {value}",
    "event.appeal_kind.reconsideration": "administrative reconsideration",
    "event.appeal_kind.lawsuit": "administrative lawsuit",
    "event.appeal_result": "result: {value}",
    "event.appeal_result.upheld": "upheld",
    "event.appeal_result.corrected": "corrected",
    "event.appeal_result.other": "other",
    "event.appeal_result.pending": "pending",
    "ground.state_secret": "state secret",
    "ground.commercial_secret": "commercial secret",
    "ground.privacy": "personal privacy",
    "ground.security_stability": "would endanger security or stability",
    "ground.other_law": "barred by another law or regulation",
    "event.detail_sep": "; ",
    "weekday.mon": "Mon",
    "weekday.tue": "Tue",
    "weekday.wed": "Wed",
    "weekday.thu": "Thu",
    "weekday.fri": "Fri",
    "weekday.sat": "Sat",
    "weekday.sun": "Sun",
    "explain.title": "Application #{id} to {unit}, received {received}: {days} working days "
    "under {law}; due {due}",
    "explain.received": "received: day 0, not counted; {days} working days follow",
    "explain.restart": "corrected application received: the count starts again ({days} "
    "working days)",
    "explain.resume": "consultation over: {left} working days left carry over",
    "explain.fee_paid": "fee paid: {left} working days left carry over",
    "explain.paused": "paused, not counted",
    "explain.pause.clarify": "applicant asked to correct the application (补正); {left} "
    "working days were left",
    "explain.pause.third-party": "third party consulted (征求第三方意见): the clock stops with "
    "{left} working days left",
    "explain.pause.other-agency": "other agency consulted (征求其他机关意见): the clock stops "
    "with {left} working days left",
    "explain.pause.fee": "fee notice sent (收费通知): the clock stops until the fee is paid, "
    "with {left} working days left",
    "explain.pause_bound": "the consulted party's {days} working days are over: the "
    "consultation ends",
    "explain.pause.clarify_restart": "applicant asked to correct the application (补正): the "
    "clock stops and counts again from the corrected application",
    "explain.pause.third-party_restart": "third party consulted (征求第三方意见): the clock "
    "stops and counts again when the consultation is over",
    "explain.note_sep": "; ",
    "explain.extend": "extended by {days} working days, approved by {by}",
    "explain.holiday": "holiday: {name}",
    "explain.weekend": "weekend",
    "explain.adjusted": "weekend day worked (调休) for {name}",
    "explain.override": "registry: {name}",
    "explain.due_day": "due",
    "col.outcome": "outcome",
    "col.subject": "subject",
    "col.field": "field",
    "col.value": "value",
    "col.applicant": "applicant",
    "col.applicant_kind": "applicant kind",
    "col.channel": "channel",
    "col.receipt_basis": "receipt day",
    "col.law": "law profile",
    "col.event": "event",
    "col.on": "on",
    "col.details": "details",
    "col.fee": "fee",
    "col.amount": "amount",
    "col.fee_items": "items",
    "col.working_day": "working day",
    "col.day": "day",
    "col.weekday": "weekday",
    "col.note": "why",
    "unknown_application": "no application #{value} in this ledger; see 'disclose request list'",
    "letter_event_unknown": "application #{id} has no event #{event} a letter is about; its "
    "events: {valid}",
    "letter_nothing_to_send": "application #{id} has no answer, extension, pause or fee notice "
    "yet: there is no letter to send",
    "letter_fee_charged": "application #{id} has no event #{event} a letter is about: its fee "
    "#{fee} is a cost charged under {law}, which makes no fee notice and no letter; its "
    "events: {valid}",
    "walk_too_long": "application #{id}: no due date within three years; check the calendar",
    "clock_uncountable": "{what} {value} would leave a deadline that cannot be counted "
    "({reason}); nothing recorded",
    "already_answered": "application #{id} was already answered on {day}",
    "answer_needs_reason": "outcome {outcome} needs --reason and --basis (the legal basis); "
    "the applicant must be told why",
    "answer_needs_ground": "outcome {outcome} needs --ground, one of: {valid}",
    "ground_not_allowed": "--ground applies to not_disclosed, partly_disclosed and "
    "not_processed, not {outcome}",
    "ground_not_of_outcome": "--ground {ground} is not a ground of {outcome}; valid: {valid}",
    "already_extended": "application #{id} was already extended; the law allows one extension",
    "extension_too_long": "--working-days {value} is outside 1..{limit}, the most {law} allows",
    "paused_now": "application #{id} is paused since {since}; resume it first",
    "extension_after_due": "--date {value} is after the due date {due}; an extension must be "
    "decided on or before it",
    "pause_after_due": "--date {value} is after the due date {due}; the clock can no longer "
    "be paused",
    "not_paused": "application #{id} is not paused",
    "resume_before_pause": "--date {value} is before the pause began ({since})",
    "receipt_basis_not_of_channel": "--receipt-basis {value} does not fit --channel {channel}; "
    "valid: {valid}",
    "pause_bound_passed": "application #{id}: the {why} consultation ended by itself on "
    "{ended}, after the {limit} working days {law} allows; nothing to resume",
    "pause_not_in_law": "--why {why} is not a pause {law} allows; valid: clarify, third-party",
    "clarify_notice_late": "--date {value} is after {last}, the last of the {limit} working days "
    "from receipt in which {law} wants the correction notice (补正) sent",
    "clarify_repeated_warning": "application #{id} was already asked to correct (补正) on "
    "{day}: this is a second 补正; {law} sets no rule on it, the 2019 Regulations (art. 30) "
    "have what to correct told once (一次性告知)",
    "clarify_repeated": "application #{id} was already asked to correct (补正) on {day}: "
    "{law} wants what to correct told once (一次性告知)",
    "extension_notice_missing": "application #{id}: the applicant must be told of the "
    "extension ({law}); give --notified-by (and --notified-on if not the same day)",
    "notice_before_extension": "--notified-on {value} is before the extension ({day})",
    "third_party_unconsulted": "application #{id}: refused on the ground {ground} without "
    "consulting the third party first (pause --why third-party; {law})",
    "abandoned_needs_clarify": "application #{id} is not waiting for a correction (pause --why "
    "clarify): only an uncorrected application is closed as abandoned",
    "fee_unpaid_needs_notice": "application #{id} has no fee notice waiting for its payment "
    "(request fee): only an application whose notified fee was not paid is closed as "
    "fee_unpaid",
    "fee_unpaid_too_early": "application #{id}: --date {value} is within the {days} working "
    "days the fee notice of {notice} gives to pay (until {last}); close it after them",
    "fee_resumes_by_payment": "application #{id} waits for the payment of its fee notice; "
    "record it with 'request fee {id} --paid --date D', not resume",
    "fee_bad_amount": "--amount {value} is not an amount in 元: a number from 0 with at most "
    "two decimal places",
    "fee_needs_amount": "--amount is needed (元), and at least one --item; or --paid for the "
    "payment of a fee notice",
    "fee_paid_takes_notice": "--paid records the payment of the fee notice as notified: give "
    "no --amount or --item with it",
    "fee_needs_item": "at least one --item is needed; valid: {valid}",
    "fee_not_lawful": "--item {item} is not a fee allowed under {law}; valid: {valid}",
    "fee_paid_needs_notice_law": "--paid: under {law} there is no fee notice; its fees are "
    "recorded as charged, with --amount and --item",
    "fee_nothing_to_pay": "application #{id} has no fee notice waiting for its payment",
    "fee_paid_late": "application #{id}: paid on {value}, after {last}, the last day the fee "
    "notice gave",
    "fee_notice_after_due": "--date {value} is after the due date {due}; a fee notice must "
    "come before it",
    "already_closed": "application #{id} was closed on {day} ({why})",
    "warning.line": "warning: {text}",
    "before_receipt": "--date {value} is before application #{id} was received ({received})",
    "event_out_of_order": "--date {value} is before the application's latest event ({latest}); "
    "record events in the order they happened",
    "status.applications": "Applications for disclosure",
    "status.applications_counts": "{open} open, ",
    "status.applications_overdue": "{overdue} overdue",
    # ---- the ledger's integrity
    "ledger_missing": "no ledger at {location}; create it with 'disclose db init'",
    "ledger_created_default": "created a new ledger at {location} (the default location; "
    "--db or DISCLOSE_DB names another)",
    "backup_exists": "{value} already exists; choose a new file for the backup",
    "backup_not_a_file": "{value} is not a plain file path: a backup is a new SQLite file "
    "(./{value} for a file of that name); 'disclose db copy --to URL' copies into PostgreSQL",
    "backup_failed": "could not write the backup {value}: {reason}; nothing written",
    "integrity_failed": "SQLite integrity check failed: {detail}",
    "chain_entry_missing": "chain entry #{seq} is missing: a row's record was deleted",
    "chain_link_broken": "chain entry #{seq} ({table} #{id}) does not follow the entry before "
    "it: the chain was edited",
    "chain_row_deleted": "{table} #{id} was deleted outside the tool",
    "chain_row_changed": "{table} #{id} does not match its hash: the row (or its chain "
    "entry) was changed outside the tool",
    "chain_row_unchained": "{table} #{id} was inserted outside the tool",
    "attachment_changed": "attachment #{id} ({name}): its bytes do not match the size and "
    "SHA-256 the chain holds: the file was changed outside the tool",
    "chain_entry_damaged": "chain entry #{seq} holds {value} as its {column}, which the tool "
    "never writes: the chain was edited outside the tool",
    "chain_head_not_found": "the chain does not hold head {head}: it has {length} entries, "
    "ending at {last}; entries up to that head were removed or rewritten outside the tool",
    "bulletin_head_not_in_chain": "bulletin No. {number} (bulletins #{id}) records the chain "
    "head {head} at entry #{seq}, which the chain does not hold before the bulletin: the "
    "chain before it was rewritten outside the tool",
    "bulletin_head_missing": "bulletins #{id} records no chain head, though a bulletin issued "
    "before it does: the row was edited outside the tool",
    "cell_not_utf8": "{table} #{id}: its {column} holds bytes that are not UTF-8 text ({value}); "
    "the row was edited outside the tool",
    "cell_binary": "{table} #{id}: its {column} holds binary data ({value}) where text belongs; "
    "the row was edited outside the tool",
    "cell_not_number": "{table} #{id}: its {column} holds {value} where a whole number "
    "belongs; the row was edited outside the tool",
    "cell_not_date": "{table} #{id}: its {column} {value} is not a YYYY-MM-DD date; the row "
    "was edited outside the tool",
    "cell_not_time": "{table} #{id}: its {column} {value} is not an ISO 8601 date and time; the "
    "row was edited outside the tool",
    "cell_not_json": "{table} #{id}: its {column} {value} is not the JSON the tool writes "
    "there; the row was edited outside the tool",
    "cell_not_hash": "{table} #{id}: its {column} {value} is not a chain hash; the row was "
    "edited outside the tool",
    "first_receipt_missing": "submission #{id} is the earliest receipt of {deliverable}, but "
    "the ledger's table of earliest receipts does not name it: the table was edited outside "
    "the tool",
    "first_receipt_foreign": "the ledger's table of earliest receipts names submission #{id} "
    "for {deliverable}, which is not its earliest receipt: the table was edited outside the "
    "tool",
    "first_receipt_twice": "the ledger's table of earliest receipts names {deliverable} "
    "twice (submission #{id}): the table was edited outside the tool",
    "guard_trigger_missing": "trigger {name} on {table} is missing: the ledger's guard was "
    "dropped outside the tool",
    "guard_trigger_changed": "trigger {name} on {table} is not the one the tool made: it was "
    "replaced outside the tool",
    "guard_trigger_disabled": "trigger {name} on {table} is disabled: the ledger's guard was "
    "switched off outside the tool",
    "guard_trigger_foreign": "trigger {name} on {table} was not made by the tool: it was added "
    "outside the tool",
    "guard_index_changed": "unique index {name} on {table} is missing or not the one the tool "
    "made: it was replaced outside the tool",
    "guard_function_changed": "function {name}() is missing or not the one the tool made: it "
    "was replaced outside the tool",
    "guard_rls_off": "row-level security is off on {table}: it was switched off outside the "
    "tool",
    "guard_policy_missing": "policy {name} on {table} is missing: it was dropped outside the "
    "tool",
    "guard_policy_changed": "policy {name} on {table} is not for the command and role the tool "
    "made it for: it was replaced outside the tool",
    "guard_policy_foreign": "policy {name} on {table} was not made by the tool: it was added "
    "outside the tool",
    "guard_check_missing": "check constraint {name} on {table} is missing: it was dropped "
    "outside the tool",
    "guard_ids_open": "{table}.id is no longer GENERATED ALWAYS: it was changed outside the "
    "tool, so clients may choose ids",
    "migration_unrecorded": "schema_migrations lacks migration {version} ({name}): the table "
    "was edited outside the tool",
    "migration_foreign": "schema_migrations records a migration {version} ({name}) this "
    "disclose does not have: the table was edited outside the tool",
    "migration_renamed": "schema_migrations records migration {version} as {name}, not "
    "{expected}: the table was edited outside the tool",
    "bad_head": "--head {value!r} is not a chain head; give the 64 hexadecimal digits that "
    "'disclose db info' prints (or the first 16 or more)",
    "ledger_row_unreadable": "the ledger {location} holds {table} #{id}, whose {column} this "
    "disclose cannot read ({value}): it was written outside the tool; the ledger's owner "
    "must repair that row",
    "db.verifying": "verifying",
    "info.location": "location",
    "info.backend": "backend",
    "info.schema_version": "schema version",
    "info.tool_schema_version": "the tool's schema version",
    "info.rows": "rows",
    "info.size_bytes": "size (bytes)",
    "info.chain_length": "chain length",
    "info.chain_head": "chain head",
    "info.count": "{table} {count}",
    "info.sep": ", ",
    "table.submissions": "submissions",
    "table.reviews": "reviews",
    "table.inspections": "inspections",
    "table.bulletins": "bulletins",
    "table.applications": "applications",
    "table.application_events": "application events",
    "table.rosters": "rosters",
    "table.documents": "documents",
    "table.voids": "voids",
    "table.clearances": "clearances",
    "table.plan_items": "plan items",
    "table.reminders": "reminders",
    "table.proactive_figures": "proactive figures",
    "table.application_fees": "application fees",
    "table.attachments": "attachments",
    "db.backing_up": "backing up",
    "db.ok": "ok: integrity check passed; {rows} rows ({counts}); hash chain of {seq} "
    "entries intact, head {head}; guards and migrations as the tool made them",
    "db.head_held": "; the chain holds head {head}",
    "db.broken": "ledger broken: {problem}",
    "db.backed_up": "backed up {source} to {target}: hash chain of {seq} entries, head {head}",
    "db.migrated": "{location}: schema version {version}; applied: {names}",
    "db.up_to_date": "{location}: schema version {version}, up to date",
    "db.created": "created a ledger at {location} (schema version {version})",
    "db.already": "{location} already holds a ledger (schema version {version}); nothing "
    "created",
    "db.roster_pinned": "pinned the roster agencies.yaml lists in the ledger (#{id}): "
    "{coordinators} coordinator(s), {liaisons} liaison(s) for {units} unit(s); only a "
    "coordinator changes it (disclose db roster --pin)",
    "db.roster_unchanged": "the roster pinned in the ledger is the one agencies.yaml lists "
    "already; nothing written",
    "db.roster_from_ledger": "roster in force: pinned in the ledger (#{id}, {at}, by {by})",
    "db.roster_from_registry": "roster in force: agencies.yaml's (none is pinned in the "
    "ledger: a coordinator pins it with disclose db roster --pin)",
    "db.roster_nobody": "nobody is listed: anyone may record anything",
    "db.roster_differs": "agencies.yaml lists other people: the pinned roster applies until "
    "a coordinator runs disclose db roster --pin",
    "roster_not_pinned": "note: agencies.yaml's roster is not pinned in the ledger, so "
    "another agencies.yaml could change it; a coordinator pins it with disclose db roster "
    "--pin",
    "roster_differs": "note: agencies.yaml lists other people than the roster pinned in the "
    "ledger (#{id}), which applies; a coordinator pins agencies.yaml's with disclose db "
    "roster --pin",
    "db.copying": "copying",
    "db.copied": "copied {rows} rows ({counts}) from {source} to {target}; the copy's hash "
    "chain of {seq} entries verified, head {head}",
    "backup_postgresql": "{location} is a PostgreSQL ledger: back it up on the server "
    "(pg_dump), or copy it into a file with 'disclose db copy --to {target}'",
    "copy_target_not_empty": "{target} already holds {rows} ledger rows; copy only into an "
    "empty ledger; nothing written",
    "copy_same": "--to {target} is the ledger being copied; give another file or URL",
    "copy_target_exists": "--to {target} already exists; copy into a new file (nothing is "
    "overwritten); nothing written",
    "copy_mismatch": "the copy at {target} does not match its source: {detail}; nothing "
    "written",
    # ---- roles
    "not_liaison": "user '{user}' may not write for {unit}: its liaisons are {liaisons}; "
    "coordinators: {coordinators} (roster: {roster}); nothing written",
    "not_coordinator": "user '{user}' may not {action}: only the office's coordinators "
    "({coordinators}; roster: {roster}) may; nothing written",
    "by_needs_coordinator": "user '{user}' may not record in the name of '{by}': only "
    "coordinators ({coordinators}; roster: {roster}) may, for a paper or fax submission; "
    "nothing written",
    # ---- annual statistics
    "stats_template_more_problems": " (and {more} more in the same template)",
    "proactive_bad_count": "--count {value} is not a figure of {item}: a whole number from 0",
    "proactive_bad_fee": "--count {value} is not a figure of {item}: 万元 from 0, at most four "
    "decimal places",
    "stats_bad_year": "--year {value} cannot be counted: statistics cover whole years from "
    "{first} (the first law profile in force) to {last} (the last year that has ended)",
    "stats_rule_broken": "statistics template {template} ({file}) breaks its rule {rule}: "
    "{detail}; nothing printed: correct the template",
    "stats_rule_sides": "{where} must be two lists of keys, e.g. [[new, carried_in], "
    "[total_results, carried_out]]",
    "stats_one_of_keys": "{where} needs exactly one of: {valid}",
    "stats_field_not_in_set": "{where} narrows by {field!r}, which the records of row {row} "
    "({sets}) do not carry",
    "stats_unknown_row": "{where} names {value!r}, which is not a data row of table {table}; "
    "valid: {valid}",
    "stats_unknown_column": "{where} names {value!r}, which is not a column of table {table}; "
    "valid: {valid}",
    "stats_sum_cycle": "{where} adds up to itself ({path})",
    "stats_items_per_column": "{where} names {items} item(s) for {columns} column(s): one "
    "item a column, in the columns' order",
    "stats_band_not_contiguous": "{where} is in band {band!r} apart from its other columns "
    "(the last before it: {last}); a band spans contiguous columns: move the column beside "
    "them, or give it another band",
    "stats_group_across_bands": "{where} is in group {group!r} beside {previous}, but in band "
    "{band!r} where {previous} is in {other!r}; a group's columns are all in one band (— for "
    "none)",
    "proactive.recorded": "recorded #{id}: {unit}, {year}, {item} = {figure}",
    "stats.title": "{unit}, {year}: {title}",
    "stats.city": "all units (city-wide)",
    "stats.rules_held": ("all {count} consistency checks hold: {columns} column totals, "
                         "{rows} row totals"),
    # ---- annual-report: the 年度报告 draft (always in Chinese)
    "annual_report.wrote": "wrote the {year} annual report of {unit} to {path} (the plan's "
    "progress as of {as_of}); the （待填写） paragraphs are for the unit to write",
    "annual_report_bad_suffix": "cannot write the annual report to {value}: the file name "
    "must end in {valid}; nothing written",
    # ---- the command line's own words (clitext.py)
    "aborted": "aborted",
    "click.usage": "Usage: ",
    "click.options": "Options",
    "click.arguments": "Arguments",
    "click.commands": "Commands",
    "click.heading_end": ":",
    "click.options_metavar": "[OPTIONS]",
    "click.subcommand_metavar": "COMMAND [ARGS]...",
    "click.help_option": "Show this message and exit.",
    "click.default": "default: {value}",
    "click.required": "required",
    "click.range": "{low} to {high}",
    "click.extras": "  [{extras}]",
    "click.extras_sep": "; ",
    "meta.text": "TEXT",
    "meta.agency": "UNIT",
    "meta.task": "TASK",
    "usage.see_help": "; see '{command} --help'",
    "usage.missing_option": "missing option {what} ({about})",
    "usage.missing_argument": "missing {what} ({about})",
    "usage.missing_choice": "missing option {what}; use one of: {valid}",
    "usage.no_such_option": "no such option {value}; the options here: {valid}",
    "usage.no_such_option_hint": "no such option {value}; did you mean {hint}",
    "usage.needs_value": "option {option} needs a value",
    "usage.takes_no_value": "option {option} takes no value",
    "usage.bad_value": "{what}: {detail}",
    "usage.not_integer": "{what} {value!r} is not a whole number",
    "usage.out_of_range": "{what} {value} is out of range; use {low} to {high}",
    "usage.extra_arguments": "unexpected extra argument(s): {values}",
    "usage.no_such_command": "no such command {value!r}; commands: {valid}",
    "usage.no_such_command_hint": "no such command {value!r}; did you mean {hint}; commands: "
    "{valid}",
    "usage.missing_command": "missing command; commands: {valid}",
    # ---- help pages: cmd.PATH, opt.PATH.OPTION, arg.PATH.NAME; opt.OPTION, arg.NAME shared
    "cmd.disclose": "Track the 2015 Qitaihe City Government Information Disclosure Work Plan "
    "(七政办发〔2015〕23号): monthly reports, phase deliverables, status.",
    "opt.disclose.registry": "Directory holding tasks.yaml and agencies.yaml [env "
    "DISCLOSE_REGISTRY; default: the shipped 2015 registry]",
    "opt.disclose.db": "Ledger: an SQLite file, or a postgresql:// URL [env DISCLOSE_DB; "
    "default: {ledger}]",
    "opt.disclose.lang": "Interface language [env DISCLOSE_LANG; default: from the locale]",
    "opt.disclose.version": "Print the version (disclose X.Y.Z) and exit",
    "opt.disclose.install-completion": "Install completion of commands, options, units, "
    "tasks and months for this shell (bash, zsh or fish)",
    "opt.disclose.show-completion": "Print the completion script for this shell (bash, zsh "
    "or fish), to copy it or install it by hand",
    "opt.format": "table (colour on a terminal, plain text in a pipe; `text` is the same), "
    "json, csv, markdown",
    "opt.agency": "Only this unit: code (czj) or name as the plan writes it (市财政局)",
    "opt.by": "Who records this [default: your login name]",
    "opt.as-of": "As known on this day [default: today]",
    "opt.date": "The day it happened",
    "arg.application": "Application number",
    "cmd.agencies": "List the units of the plan: code, name as the plan writes it, full name, "
    "kind.",
    "cmd.tasks": "List the plan's tasks with their lead and cooperating units.",
    "cmd.check": "Validate tasks.yaml and agencies.yaml; print every problem with file:line.",
    "opt.check.quiet": "Print problems only",
    "cmd.submit": "Record a monthly report (--task, --month), a unit's plan or summary, or its "
    "annual report (--kind).",
    "opt.submit.agency": "The reporting unit: code or name as the plan writes it",
    "opt.submit.summary": "What was done and published (a plan given as --items or an annual "
    "report may leave it out)",
    "opt.submit.task": "Task id of a monthly report, e.g. K2-1",
    "opt.submit.month": "The month reported on",
    "opt.submit.kind": "A phase deliverable, or the annual report (年度报告), instead of a "
    "monthly report",
    "opt.submit.received": "Day the office received it [default: today]",
    "opt.submit.link": "Where the information was published (repeatable)",
    "opt.submit.items": "A plan's items (公开事项, 公开内容, 公开方式, 公开时限, 责任人, "
    "optional 任务): .yaml, .csv or .xlsx",
    "opt.submit.attach": "A file handed in with the report, kept in the ledger and chained "
    "(repeatable; at most plan.attachments.max_bytes each)",
    "cmd.inspect": "Record the office's acceptance inspection (验收) of a unit.",
    "opt.inspect.agency": "The unit inspected",
    "opt.inspect.verdict": "The acceptance verdict",
    "opt.inspect.date": "Day of the inspection",
    "opt.inspect.note": "Findings, in a sentence",
    "cmd.review": "Record the office's quality verdict on a submission: accept it or return "
    "it.",
    "arg.review.submission": "Submission id (see 'disclose history')",
    "opt.review.comment": "Why, for the unit",
    "opt.review.accept": "The report is good",
    "opt.review.return": "Return it for rework",
    "opt.review.date": "Day the verdict takes effect [default: today]",
    "cmd.void": "Void a mistaken entry: from --date on it counts nowhere, and stays in history.",
    "arg.void.submission": "Submission id (see 'disclose history')",
    "opt.void.reason": "Why it was a mistake (wrong unit, wrong month)",
    "opt.void.date": "Day the void takes effect [default: today]",
    "cmd.clear": "Record the office's confidentiality review (保密审查) of a submission.",
    "arg.clear.submission": "Submission id (see 'disclose history')",
    "opt.clear.result": "passed: fit to publish; withheld: not to be published",
    "opt.clear.comment": "What was found",
    "opt.clear.date": "Day of the review [default: today]",
    "cmd.history": "List every submission, revisions included, oldest first.",
    "opt.history.task": "Only this task",
    "opt.history.month": "Only this month",
    "opt.history.kind": "Only this kind of deliverable",
    "opt.history.as-of": "As known on this day: what had been received by then, with the "
    "reviews then in effect [default: everything recorded]",
    "cmd.attachment": "Write a file attached to a submission back out, exactly as it was "
    "handed in.",
    "arg.attachment.attachment_id": "Attachment number (see 'disclose history')",
    "opt.attachment.out": "The file to write (a new one: an existing file is refused)",
    "cmd.status": "Phases and every deliverable's state: on_time, late, missing, pending, "
    "returned.",
    "opt.status.as-of": "Show what was known on this day [default: today in Asia/Shanghai]",
    "opt.status.only": "problems: the summary and the problems alone (missing, late, "
    "returned, failed inspections, overdue applications)",
    "cmd.todo": "One unit's page: what it owes and when, what is overdue, what it sent, what "
    "was returned, its open applications.",
    "opt.todo.agency": "The unit: code or name as the plan writes it",
    "todo.title": "{unit}: what to do, as of {as_of}",
    "todo.contacts": "Contacts: {people}",
    "todo.overdue": "Overdue, not yet sent ({count})",
    "todo.owed": "Owed, by due date ({count})",
    "todo.returned": "Returned by the office: send a revision ({count})",
    "todo.sent": "Sent ({count})",
    "todo.applications": "Open applications for disclosure ({count})",
    "todo.none": "none",
    "todo.due_in": "due in {days} days",
    # ---- 考核: score and rank
    "score.title": "{rules}: each unit's score, as of {as_of}",
    "rank.title": "Ranking (报送排行) by score under {rules}, as of {as_of}",
    "score.rules_name": "{name_en}",
    "score.grade_name": "{name_en}",
    "score.example": "These scoring rules are an example: the plan sets none, and the office "
    "replaces them with its own before scoring anyone (tasks.yaml, scoring).",
    "score.office_left_out": "{office}, the coordinating office, reports K1 to itself and is "
    "not scored.",
    "score.unit_heading": "{unit}: {score} points",
    "score.unit_grade": " ({grade})",
    "score.total": "total {score} points",
    "score.rule.base": "base score",
    "score.rule.state": "{state}",
    "score.rule.review.return": "review: returned",
    "score.rule.review.accept": "review: accepted",
    "score.rule.cap": "cap on {kind} points",
    "score.rule.floor": "lowest score",
    "score.rule.ceiling": "highest score",
    "score.rule.veto": "veto (一票否决)",
    "score.row.submission": "submission #{id}",
    "score.row.review": "review #{id}",
    "score.row.inspection": "inspection #{id}",
    "rank.ties": "{count} units share their rank with another (equal scores share the better "
    "rank; the next rank skips).",
    "rank.vetoed": "Vetoed (一票否决): {units}",
    "col.score": "score",
    "col.grade": "grade",
    "col.inspection": "inspection",
    "col.rank": "rank",
    "col.score_item": "what",
    "col.deliverable": "deliverable",
    "col.points": "points",
    "col.rows": "ledger rows",
    "cmd.report": "Print the daily report: overdue, due soon, arrived, returned, quality "
    "findings.",
    "opt.report.within": "Show what falls due in the next N days (applications: N working days)",
    "opt.report.fail-on-overdue": "Exit 3 when anything is overdue",
    "opt.report.fail-on-new-overdue": "Exit 3 only when something fell overdue since the "
    "previous working day, or an application is overdue",
    "cmd.lint": "Check the newest receipt of every deliverable for quality problems (rule "
    "ids).",
    "opt.lint.month": "Only monthly reports for this month",
    "cmd.score": "Each unit's 考核 score under the registry's scoring rules; --explain lists "
    "every point with the ledger rows behind it.",
    "opt.score.explain": "Every point: what gave it, the deliverable (kind, task, month), its "
    "due day and the ledger rows behind it (submission, review, inspection ids)",
    "cmd.rank": "报送排行: the units in order of their 考核 score, with a bar chart.",
    "cmd.bulletin": "Issue the 通报 on a month's reports (on time, late, not at all, "
    "returned), or on the plans, the summaries or the inspections' results.",
    "opt.bulletin.kind": "What it is on: monthly reports (with --month, or --from/--to), the "
    "units' plans (部门方案), their summaries (工作总结) or the inspections' results (验收结果, "
    "with the 考核 ranking); with --list, only bulletins on it",
    "opt.bulletin.month": "The reporting month",
    "opt.bulletin.number": "Bulletin number [default: one more than the last issued]",
    "opt.bulletin.preview": "Print without recording",
    "opt.bulletin.reissue": "Issue again for a month already bulletined",
    "opt.bulletin.list": "List the bulletins issued",
    "opt.bulletin.by": "Who issues it [default: your login name]",
    "opt.bulletin.from": "Several months at once (不定期): the first",
    "opt.bulletin.to": "… and the last (with --from)",
    "opt.bulletin.show": "Print issued bulletin N exactly as it was issued",
    "opt.bulletin.format": "text (`table` is the same), markdown, json, or docx (the GB/T "
    "9704-2012 layout, needs --out); csv only with --list",
    "opt.bulletin.out": "Write the document to this new file instead of printing it (a "
    ".docx name writes the .docx)",
    "cmd.remind": "Write the 催报通知 of every unit with overdue or soon-due items; --send "
    "mails them.",
    "opt.remind.as-of": "The notices as of this day [default: today in Asia/Shanghai]",
    "opt.remind.within": "Name what falls due in the next N days [default: the registry's "
    "remind_within_days]",
    "opt.remind.agency": "Only this unit's notice: code (czj) or name (市财政局)",
    "opt.remind.send": "Mail each notice to the unit's contacts through DISCLOSE_SMTP "
    "(smtp:// with STARTTLS, or smtps://) and record it; the same items go to a unit once a "
    "day",
    "opt.remind.list": "List the notices mailed, with what the server said for each address",
    "opt.remind.by": "Who sends them [default: your login name]",
    "cmd.import": "Record the reports in a sheet (.xlsx or .csv), every row or none.",
    "arg.import.file": "The sheet: columns agency, kind, task, month, received, summary, links "
    "(or the template's Chinese headers)",
    "opt.import.dry-run": "Check every row and show what would be recorded; record nothing",
    "opt.import.template": "Write the office's sheet to fill (Chinese headers, dropdowns of "
    "units, kinds, tasks and months) to this new .xlsx file",
    "opt.import.by": "Who records them [default: your login name]",
    "cmd.export": "Write every deliverable's state, the submissions and the bulletins to a "
    "file.",
    "opt.export.out": "File to write; its suffix picks the format: .xlsx (the office's "
    "workbook, in Chinese), .csv (deliverables) or .json (everything)",
    "opt.export.as-of": "Export what was known on this day [default: today in Asia/Shanghai]",
    "cmd.publish": "Write the key areas' disclosure column as a static site, in Chinese: "
    "the areas, their tasks and responsible units, each month's published reports, the "
    "ranking, and the office's overview.",
    "opt.publish.out": "Directory to write the site to: made if it does not exist; an "
    "existing one must be empty or made by publish before (only its files are replaced)",
    "opt.publish.as-of": "Publish what was known on this day [default: today in "
    "Asia/Shanghai]",
    "cmd.stats": "Count applications received and answered, reconsiderations and lawsuits, "
    "for the annual disclosure report: one unit, or the whole city. Every consistency rule of "
    "the form is checked; a table that breaks one is refused, not printed.",
    "opt.stats.year": "The calendar year reported on; it must be over",
    "opt.stats.agency": "One unit: code (czj) or name as the plan writes it (市财政局) "
    "[default: the whole city, every unit added up]",
    "opt.stats.template": "2014: the statistics of 国办发〔2014〕32号; 2021: tables 三 and 四 "
    "of 国办公开办函〔2021〕30号 [default: 2014 for years up to 2018, else 2021]",
    "opt.stats.template-file": "Evaluate this template file instead of a shipped one",
    "cmd.annual-report": "Draft the annual disclosure report (年度报告) of a unit, or of the "
    "city: the year's sections, every table of the year's form filled from the ledger (the "
    "figures `stats` prints), the plan's progress, and （待填写） prompts where the unit writes "
    "its own words. Reads the ledger, records nothing.",
    "opt.annual-report.year": "The calendar year reported on; it must be over (up to 2018 the "
    "2008 Regulations' sections and the 2014 form, from 2019 the 2021 format)",
    "opt.annual-report.out": "The new file to write: .docx (GB/T 9704-2012 page and type) or "
    ".md (markdown); an existing file is never overwritten",
    "opt.annual-report.agency": "One unit: code (czj) or name as the plan writes it (市财政局) "
    "[default: the city's report, over every unit]",
    "opt.annual-report.as-of": "The plan's progress as known on this day [default: today in "
    "Asia/Shanghai]",
    "cmd.request": "Applications for disclosure (依申请公开): add (register), answer, extend, "
    "pause, resume, fee, close, appeal, list, show, explain, letter.",
    "cmd.request.add": "Register an application and print its number and due date.",
    "opt.request.add.agency": "The unit applied to",
    "opt.request.add.received": "Day of receipt (day 0 of the count)",
    "opt.request.add.subject": "The information asked for",
    "opt.request.add.applicant": "Who applied",
    "opt.request.add.applicant-kind": "As in the annual report's table 三",
    "opt.request.add.channel": "How it arrived",
    "opt.request.add.receipt-basis": "How the receipt day was fixed (2019 art. 31) "
    "[default: the channel's usual one]",
    "opt.request.add.answered-on-spot": "Answered (disclosed) on the spot, on the day of "
    "receipt",
    "cmd.request.answer": "Record the answer to an application.",
    "opt.request.answer.outcome": "What the answer was",
    "opt.request.answer.reason": "Why (needed unless disclosed)",
    "opt.request.answer.basis": "The legal basis (needed unless disclosed)",
    "opt.request.answer.ground": "Why not disclosed or not processed (needed for "
    "not_disclosed and not_processed)",
    "cmd.request.extend": "Extend the deadline, once, on or before the current due date.",
    "opt.request.extend.approved-by": "Head of the disclosure office who approved",
    "opt.request.extend.working-days": "Days added [default: the law's maximum]",
    "opt.request.extend.notified-on": "Day the applicant was told [default: --date]",
    "opt.request.extend.notified-by": "How the applicant was told",
    "cmd.request.pause": "Stop the clock: a clarification request, or a consultation of a "
    "third party or another agency.",
    "opt.request.pause.why": "clarify: the applicant was asked to correct the application "
    "(补正); third-party: a third party is consulted (征求第三方意见); other-agency: another "
    "agency is consulted (2019 art. 33)",
    "cmd.request.close": "Close an application without an answer: not corrected in time "
    "(视为放弃), fee unpaid, or another reason.",
    "opt.request.close.why": "abandoned: not corrected in time (视为放弃); fee_unpaid: the fee "
    "notice was not paid; other: another reason (2021 form, table 三 （六）)",
    "cmd.request.fee": "Record a fee: a cost charged (2008), a fee notice (收费通知, 2019: "
    "the clock stops), or with --paid the notified fee's payment (the clock counts again).",
    "opt.request.fee.amount": "The fee in 元 (at most two decimal places)",
    "opt.request.fee.item": "What the fee is for (repeatable); the law profile says which are "
    "lawful: 2008 search, copy, post; 2019 processing",
    "opt.request.fee.paid": "The fee notice waiting for its payment was paid on --date",
    "cmd.request.resume": "Restart the clock: the corrected application arrived, or the "
    "consultation ended.",
    "cmd.request.appeal": "Record an administrative reconsideration or lawsuit over an "
    "application, or its result.",
    "opt.request.appeal.kind": "行政复议 (reconsideration), 行政诉讼 (lawsuit) or 举报投诉 "
    "(complaint)",
    "opt.request.appeal.result": "Decided how, so far",
    "cmd.request.list": "List applications with their due date and state.",
    "opt.request.list.state": "Only these",
    "cmd.request.show": "Show one application with every event recorded on it.",
    "cmd.request.explain": "Show the deadline day by day: what counted, what was skipped and "
    "why.",
    "cmd.request.letter": "Issue the 答复书, 告知书 or 收费通知书 of an application, numbered "
    "per unit and year.",
    "opt.request.letter.event": "The event the letter is about [default: the answer, else the "
    "latest extension, pause or fee notice]",
    "opt.request.letter.preview": "Print without recording",
    "opt.request.letter.format": "text (`table` is the same), markdown, json, or docx (the "
    "GB/T 9704-2012 layout, needs --out)",
    "opt.request.letter.out": "Write the letter to this new file instead of printing it "
    "(a .docx name writes the .docx)",
    "cmd.proactive": "Record one figure of a unit's proactive-disclosure table (2021 form "
    "table 二) for a year; the latest recorded is the one in force.",
    "opt.proactive.agency": "The unit: code (czj) or name as the plan writes it (市财政局)",
    "opt.proactive.year": "The calendar year reported on; it must be over",
    "opt.proactive.item": "regulations_* and normative_documents_* (made, repealed, in force), "
    "licences, penalties, enforcement_measures: counts; fees: 行政事业性收费 in 万元",
    "opt.proactive.count": "The figure: a whole number, or 万元 for fees",
    "cmd.db": "The ledger: create it, verify its integrity and hash chain, migrate, back up, "
    "copy between SQLite and PostgreSQL, show facts.",
    "cmd.db.init": "Create the ledger at --db or DISCLOSE_DB (or the default location): a new "
    "SQLite file, or the schema in a PostgreSQL database; where a ledger is already, say so.",
    "cmd.db.verify": "Check the ledger: SQLite's integrity check (for a file), every link of "
    "the hash chain, the rows it hashes included, the heads bulletins recorded, the guard "
    "triggers (and on PostgreSQL the server's checks and policies) and the record of "
    "migrations.",
    "opt.db.verify.head": "Fail unless the chain still holds this entry: a head kept from db "
    "info, db backup or an issued bulletin (all 64 hex digits, or the first 16 or more)",
    "cmd.db.backup": "Copy an SQLite ledger consistently while others keep writing (online "
    "backup); a PostgreSQL ledger is backed up on its server.",
    "arg.db.backup.target": "The copy to write: a new file (an existing one is refused)",
    "cmd.db.migrate": "Bring the ledger's schema up to date, and say so ('db init' creates a "
    "ledger).",
    "cmd.db.copy": "Copy every row, ids and hash chain included, into a new file or an empty "
    "ledger (SQLite to PostgreSQL or back); the copy is checked before it is committed.",
    "opt.db.copy.to": "Where to copy: a new file, or a postgresql:// URL of an empty ledger "
    "(or of a schema without one)",
    "cmd.db.roster": "Show who may write what: the roster pinned in the ledger, which the tool "
    "enforces, beside the one agencies.yaml lists; --pin makes agencies.yaml's the one in "
    "force.",
    "opt.db.roster.pin": "Pin the people agencies.yaml lists as the roster in force (a "
    "coordinator of the roster in force only)",
    "cmd.db.info": "Show the ledger's location, backend, schema version, row counts, size and "
    "chain head.",
}
