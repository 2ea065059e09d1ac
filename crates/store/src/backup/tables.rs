//! The one description of every table the backup carries: export, restore
//! and the schema test all read it, so a new column cannot be forgotten by
//! one of them. Each text or number column names the check a restored value
//! passes (see `rules`), so none can be left unchecked by omission either.

use super::rules::*;
use rapport_core::correspondence::{Channel, Direction, Outcome, Purpose};
use rapport_core::fields::{FieldSource, FieldStatus};
use rapport_core::import::Format;
use rapport_core::interviews::Mode;
use rapport_core::organizations::ResearchSource;
use rapport_core::people::Source;
use rapport_core::tasks::TaskRule;

/// What a column holds, for reading and writing it on either backend, and
/// how a restored value is checked.
#[derive(Clone, Copy)]
pub(super) enum Col {
    /// Text, never null.
    Text(TextCheck),
    /// Nullable text; null is never checked.
    OptText(TextCheck),
    /// A whole number, never null.
    Int(IntCheck),
    /// A nullable whole number.
    OptInt(IntCheck),
    Bool,
    /// The row's own id.
    Id,
    /// The owning account: not exported, set on the way in.
    Account,
    /// A reference to a row of the named table.
    Ref(&'static str),
    /// A nullable reference.
    OptRef(&'static str),
    /// A reference written after every table is in (self and forward references).
    Later(&'static str),
    /// Text holding ids (a rule task's key): ids inside are remapped.
    Keyed,
}

use Col::*;

/// The check of a closed list's column: the stored name of one of its values.
macro_rules! one_of {
    ($list:ident) => {
        |v, _| stored(v, $list::parse(v), $list::as_str)
    };
}

/// One table: its name, the order its rows are exported in, its columns.
pub(super) struct Table {
    pub name: &'static str,
    pub order: &'static str,
    pub cols: &'static [(&'static str, Col)],
}

/// Every table of an account, parents before children.
pub(super) const TABLES: &[Table] = &[
    Table {
        name: "profiles",
        order: "account_id",
        cols: &[
            ("account_id", Account),
            ("interests", Text(long)),
            ("abilities", Text(long)),
            ("self_values", Text(long)),
            ("skills", Text(long)),
            ("goals", Text(long)),
            ("answer_why_this_work", Text(long)),
            ("answer_why_good_at_it", Text(long)),
            ("answer_this_employer", Text(long)),
            ("answer_work_history", Text(long)),
            ("answer_want_from_contact", Text(long)),
            ("signature_name", Text(one_line)),
            ("signature_address", Text(long)),
            ("signature_phone", Text(phone_or_empty)),
            ("signature_email", Text(email_or_empty)),
            ("time_zone", OptText(zone)),
            ("updated_at", Text(instant)),
        ],
    },
    // Before the rows that name their batch, so an undo still finds them.
    Table {
        name: "imports",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("format", Text(one_of!(Format))),
            ("file_name", Text(opt_line)),
            ("imported", Int(position)),
            ("merged", Int(position)),
            ("duplicates", Int(position)),
            ("rejected", Int(position)),
            ("created_at", Text(instant)),
            ("undone_at", OptText(instant)),
        ],
    },
    Table {
        name: "fields",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("title", Text(line)),
            ("onet_code", OptText(onet)),
            ("status", Text(one_of!(FieldStatus))),
            ("notes", Text(long)),
            ("fit_interests", Text(long)),
            ("fit_abilities", Text(long)),
            ("fit_values", Text(long)),
            ("fit_skills", Text(long)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "field_research",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("field_id", Ref("fields")),
            ("source", Text(one_of!(FieldSource))),
            // `FieldForm` reads research notes with `optional_line`.
            ("note", Text(line)),
            ("position", Int(position)),
        ],
    },
    Table {
        name: "organizations",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("name", Text(line)),
            ("website", OptText(web_url)),
            ("products", Text(long)),
            ("entry_level_jobs", Text(long)),
            ("hiring_procedure", Text(long)),
            ("org_values", Text(long)),
            ("outlook", Text(long)),
            ("notes", Text(long)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
            ("import_batch_id", OptRef("imports")),
        ],
    },
    Table {
        name: "organization_research",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("organization_id", Ref("organizations")),
            ("source", Text(one_of!(ResearchSource))),
            ("note", Text(long)),
            ("position", Int(position)),
        ],
    },
    Table {
        name: "people",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("name", Text(name)),
            ("organization_id", OptRef("organizations")),
            ("title", OptText(opt_line)),
            ("notes", Text(long)),
            ("source", Text(one_of!(Source))),
            ("hiring_authority", Bool),
            ("referred_by_id", Later("people")),
            ("may_name_referrer", Bool),
            ("business_card", Bool),
            ("stay_in_touch", Bool),
            ("cadence_days", OptInt(cadence)),
            ("connected_on", OptText(date)),
            ("referred_in_interview_id", Later("interviews")),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
            ("import_batch_id", OptRef("imports")),
        ],
    },
    Table {
        name: "person_contacts",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("kind", Text(contact_kind)),
            ("value", Text(contact_value)),
            ("position", Int(position)),
            ("import_batch_id", OptRef("imports")),
        ],
    },
    Table {
        name: "person_tags",
        order: "person_id, tag",
        cols: &[
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("tag", Text(line)),
            ("position", Int(position)),
        ],
    },
    Table {
        name: "resumes",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("label", Text(line)),
            ("location", Text(line)),
            ("created_at", Text(instant)),
        ],
    },
    Table {
        name: "interviews",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("organization_id", OptRef("organizations")),
            ("mode", Text(one_of!(Mode))),
            ("place", Text(opt_line)),
            ("directions", Text(long)),
            ("starts_at", OptText(instant)),
            ("time_zone", Text(zone)),
            ("length_minutes", Int(length)),
            ("status", Text(interview_status)),
            ("notes", Text(long)),
            ("prep_answers", Bool),
            ("prep_resume", Bool),
            ("prep_clothes", Bool),
            ("prep_directions", Bool),
            ("qualifications_sought", Text(long)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
            // The rules count the thank-you and follow-up from it.
            ("status_changed_at", OptText(instant)),
            ("proposed_times", OptText(proposed_times)),
        ],
    },
    Table {
        name: "status_changes",
        // In the order written, so ids renamed on restore keep it.
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("from_status", OptText(pipeline_status)),
            ("to_status", Text(pipeline_status)),
            ("changed_at", Text(instant)),
        ],
    },
    Table {
        name: "interview_fields",
        order: "interview_id, field_id",
        cols: &[
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("field_id", Ref("fields")),
        ],
    },
    Table {
        name: "questions",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("text", Text(line)),
            ("topic", Text(line)),
            ("minutes", Int(question_minutes)),
            ("created_at", Text(instant)),
        ],
    },
    Table {
        name: "plan_items",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("question_id", OptRef("questions")),
            ("builtin_key", OptText(builtin_question)),
            ("text", Text(line)),
            ("position", Int(position)),
            ("priority", Int(priority)),
            ("minutes", Int(question_minutes)),
            ("asked", Bool),
        ],
    },
    Table {
        name: "answers",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("plan_item_id", Ref("plan_items")),
            ("body", Text(long)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "interview_notes",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("kind", Text(line)),
            ("body", Text(long)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "reflections",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("learned_positive", Text(long)),
            ("learned_negative", Text(long)),
            ("fit_with_self", Text(long)),
            ("still_to_learn", Text(long)),
            ("plan_of_action", Text(long)),
            ("feelings", OptText(long)),
            ("field_fit_rating", OptInt(rating)),
            ("likability_rating", OptInt(rating)),
            ("setting_rating", OptInt(rating)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "correspondence",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("interview_id", OptRef("interviews")),
            ("channel", Text(one_of!(Channel))),
            ("direction", Text(one_of!(Direction))),
            ("kind", Text(one_of!(Purpose))),
            ("outcome", Text(one_of!(Outcome))),
            ("occurred_at", Text(instant)),
            ("subject", Text(opt_line)),
            ("body", Text(long)),
            ("created_at", Text(instant)),
        ],
    },
    Table {
        name: "tasks",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("title", Text(task_title)),
            ("rule", Text(one_of!(TaskRule))),
            ("rule_key", OptText(rule_key)),
            ("reason", Text(task_reason)),
            ("due_at", OptText(instant)),
            ("done_at", OptText(instant)),
            ("snoozed_until", OptText(instant)),
            ("person_id", OptRef("people")),
            ("interview_id", OptRef("interviews")),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "casual_conversations",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("occurred_on", Text(date)),
            ("who", Text(line)),
            ("place", Text(opt_line)),
            ("learned", Text(long)),
            ("person_id", OptRef("people")),
            ("created_at", Text(instant)),
        ],
    },
    Table {
        name: "letter_templates",
        order: "key",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("key", Text(letter_key)),
            ("name", Text(line)),
            ("purpose", Text(one_of!(Purpose))),
            ("channel", Text(one_of!(Channel))),
            ("subject", Text(opt_line)),
            ("body", Text(long)),
            ("created_at", Text(instant)),
            ("updated_at", Text(instant)),
        ],
    },
    Table {
        name: "rule_task_states",
        order: "rule_key",
        cols: &[
            ("account_id", Account),
            ("rule_key", Keyed),
            ("done_at", OptText(instant)),
            ("snoozed_until", OptText(instant)),
            ("updated_at", Text(instant)),
        ],
    },
];
