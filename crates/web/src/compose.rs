//! Letters to one person, the same for the compose page and the API: what
//! the merge fields are filled with, and keeping a letter as sent once the
//! linter has had its say.

use chrono::{DateTime, Utc};
use rapport_core::correspondence::{Channel, Contact, ContactForm};
use rapport_core::letters::MergeValues;
use rapport_core::linter::{Finding, lint};
use rapport_core::people::Person;
use rapport_core::pipeline::Status;
use rapport_store::letters::LetterTemplate;
use rapport_store::{
    AccountId, Db, Page, StoreError, correspondence, fields, interviews, profiles,
};

/// The merge values for a letter to `person`.
pub(crate) async fn merge_values(
    db: &Db,
    account: &AccountId,
    person: &Person,
    now: DateTime<Utc>,
) -> Result<MergeValues, StoreError> {
    let profile = profiles::show(db, account).await?;
    let filter = interviews::Filter {
        person_id: Some(person.id.clone()),
        ..interviews::Filter::default()
    };
    let theirs = interviews::list(db, account, &filter).await?;
    // The times offered on the interview still being asked for.
    let times = theirs
        .iter()
        .find(|i| {
            matches!(i.status, Status::Idea | Status::Requested) && !i.proposed_times.is_empty()
        })
        .map(|i| i.proposed_times.sentence(i.time_zone, now))
        .unwrap_or_default();
    let field = match theirs.iter().find_map(|i| i.fields.first().cloned()) {
        Some(f) => f.name,
        None => fields::list(
            db,
            account,
            None,
            Page {
                limit: 1,
                offset: 0,
            },
        )
        .await?
        .first()
        .map(|f| f.title.clone())
        .unwrap_or_default(),
    };
    Ok(MergeValues {
        person_name: person.name.clone(),
        person_title: person.title.clone().unwrap_or_default(),
        organization: person
            .organization
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        field,
        my_name: profile.signature_name,
        my_phone: profile.signature_phone,
        my_email: profile.signature_email,
        my_address: profile.signature_address,
        referrer: person
            .referred_by
            .as_ref()
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        may_name_referrer: person.may_name_referrer,
        times,
    })
}

/// A letter as written, to keep as sent.
pub(crate) struct Letter {
    pub(crate) channel: Channel,
    pub(crate) subject: String,
    pub(crate) body: String,
    /// Keep it although the linter found something.
    pub(crate) anyway: bool,
}

/// Keeps a copy of a letter sent to `person_id` (as the method asks), its
/// purpose the template's; while the linter finds something and the writer
/// did not choose to send anyway, nothing is kept and the findings come
/// back. A letter for an interview being asked for moves it along.
pub(crate) async fn keep_letter(
    db: &Db,
    account: &AccountId,
    person_id: &str,
    template: &LetterTemplate,
    letter: Letter,
    now: DateTime<Utc>,
) -> Result<Result<Contact, Vec<Finding>>, StoreError> {
    let findings = lint(&letter.body, template.purpose);
    if !findings.is_empty() && !letter.anyway {
        return Ok(Err(findings));
    }
    let form = ContactForm {
        person_id: person_id.to_owned(),
        channel: letter.channel.as_str().into(),
        purpose: template.purpose.as_str().into(),
        outcome: "sent".into(),
        subject: letter.subject,
        body: letter.body,
        ..ContactForm::default()
    };
    let input = form.validate(now)?;
    Ok(Ok(correspondence::create(db, account, &input, now).await?))
}
