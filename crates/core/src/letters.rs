//! Letter and script templates with merge fields such as `{{person.name}}`,
//! filled from the person, the organization, the field and your profile.

use crate::correspondence::{Channel, Purpose};
use serde::Serialize;

/// A built-in template. Users can edit a copy or write their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Builtin {
    /// Stable key; an edited copy keeps it.
    pub key: &'static str,
    /// Name shown in lists.
    pub name: &'static str,
    /// What it is for.
    pub purpose: Purpose,
    /// How it is used.
    pub channel: Channel,
    /// Subject line, for letters and emails.
    pub subject: &'static str,
    /// The text.
    pub body: &'static str,
}

/// The five templates of the method.
pub const BUILTINS: [Builtin; 5] = [
    Builtin {
        key: "phone-script",
        name: "Phone or in-person script",
        purpose: Purpose::Introduction,
        channel: Channel::Phone,
        subject: "",
        body: "Hello, my name is {{me.name}}. I am conducting career research in this field ({{field.title}}). {{referral}}\n\nI would like to meet and talk with you for about 20–30 minutes so that I can find out more about your field of expertise. I am simply trying to get first-hand information, and whatever you can share with me would be appreciated.\n\nWould a time in the next week or two suit you?",
    },
    Builtin {
        key: "introduction",
        name: "Introductory letter",
        purpose: Purpose::Introduction,
        channel: Channel::Letter,
        subject: "Career research: {{field.title}}",
        body: "Dear {{person.name}},\n\nMy name is {{me.name}}, and I am researching careers in this field ({{field.title}}). I would value your perspective on the work you do at {{organization.name}}. {{referral}}\n\nWould you be willing to talk with me for about 20–30 minutes in the coming weeks? I want to learn first-hand what your work is like, how people enter the field and what you would advise someone starting out. {{times}}\n\nI will call your office next week to see whether a time might suit you. Thank you for considering it.\n\nSincerely,\n\n{{me.signature}}",
    },
    Builtin {
        key: "call-after-letter",
        name: "The call after a letter",
        purpose: Purpose::FollowUp,
        channel: Channel::Phone,
        subject: "",
        body: "Hello {{person.name}}, this is {{me.name}}. I wrote to you recently about my career research in this field ({{field.title}}).\n\nI would be grateful for about 20–30 minutes of your time to learn about your work. Would a day next week suit you, in person or by phone?",
    },
    Builtin {
        key: "thank-you",
        name: "Thank-you note",
        purpose: Purpose::ThankYou,
        channel: Channel::Letter,
        subject: "Thank you",
        body: "Dear {{person.name}},\n\nThank you for taking the time to talk with me about your work at {{organization.name}}. I especially appreciated [what you found most useful], and I am following up on your suggestions.\n\nI will let you know how my research goes, and I hope we can stay in touch.\n\nWith thanks,\n\n{{me.signature}}",
    },
    Builtin {
        key: "keep-in-touch",
        name: "Keep-in-touch note",
        purpose: Purpose::KeepInTouch,
        channel: Channel::Email,
        subject: "An update, and thanks again",
        body: "Dear {{person.name}},\n\nWhen we talked about {{field.title}}, you suggested [their advice]. I wanted to let you know that [what you have done since].\n\nThank you again for your help; it made a difference.\n\nBest regards,\n\n{{me.signature}}",
    },
];

/// The built-in template with this key.
pub fn builtin(key: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.key == key)
}

/// The template a rule's task opens, by the task's rule.
pub fn for_rule(rule: crate::tasks::TaskRule) -> Option<&'static str> {
    use crate::tasks::TaskRule::*;
    match rule {
        CallAfterLetter | FollowUp => Some("call-after-letter"),
        ThankYou => Some("thank-you"),
        StayInTouch => Some("keep-in-touch"),
        ReachWider => Some("introduction"),
        Confirm | Leave | PlanOfAction | User => None,
    }
}

/// Values for the merge fields. Empty values leave the field visible as
/// `{{…}}`, so the letter linter points at it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeValues {
    /// `{{person.name}}`.
    pub person_name: String,
    /// `{{person.title}}`.
    pub person_title: String,
    /// `{{organization.name}}`.
    pub organization: String,
    /// `{{field.title}}`.
    pub field: String,
    /// `{{me.name}}`.
    pub my_name: String,
    /// `{{me.phone}}`.
    pub my_phone: String,
    /// `{{me.email}}`.
    pub my_email: String,
    /// `{{me.address}}`.
    pub my_address: String,
    /// Who referred you, for `{{referral}}` (empty: the sentence is left out).
    pub referrer: String,
    /// The referrer allowed you to name them.
    pub may_name_referrer: bool,
    /// The times offered for the conversation, as the sentence that offers
    /// them, for `{{times}}` (empty: the sentence is left out).
    pub times: String,
}

impl MergeValues {
    fn value(&self, key: &str) -> Option<String> {
        let v = match key {
            "person.name" => self.person_name.clone(),
            "person.first_name" => self
                .person_name
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned(),
            "person.title" => self.person_title.clone(),
            // A referral may come with no organization: "the work you do at
            // your organization" still reads, where a blank would not.
            "organization.name" => {
                return Some(if self.organization.trim().is_empty() {
                    "your organization".to_owned()
                } else {
                    self.organization.clone()
                });
            }
            "field.title" => self.field.clone(),
            "me.name" => self.my_name.clone(),
            "me.phone" => self.my_phone.clone(),
            "me.email" => self.my_email.clone(),
            "me.address" => self.my_address.clone(),
            "me.signature" => {
                let lines: Vec<&str> = [
                    self.my_name.as_str(),
                    self.my_address.as_str(),
                    self.my_phone.as_str(),
                    self.my_email.as_str(),
                ]
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect();
                lines.join("\n")
            }
            // Always filled: naming the referrer is optional and needs permission.
            "referral" => {
                return Some(if !self.referrer.is_empty() && self.may_name_referrer {
                    format!("{} suggested that I contact you.", self.referrer)
                } else {
                    String::new()
                });
            }
            // Always filled: without times offered, the letter asks openly.
            "times" => return Some(self.times.clone()),
            _ => return None,
        };
        Some(v).filter(|v| !v.trim().is_empty())
    }
}

/// The merge fields a template may use, for the template editor.
pub const FIELDS: [&str; 12] = [
    "person.name",
    "person.first_name",
    "person.title",
    "organization.name",
    "field.title",
    "me.name",
    "me.phone",
    "me.email",
    "me.address",
    "me.signature",
    "referral",
    "times",
];

/// Fills every `{{field}}` that has a value; unknown or empty ones stay.
pub fn merge(text: &str, values: &MergeValues) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let key = after[..end].trim();
                match values.value(key) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // A dropped optional sentence leaves a double space or a trailing one.
    out.lines()
        .map(|l| l.replace("  ", " ").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> MergeValues {
        MergeValues {
            person_name: "Ada Lovelace".into(),
            organization: "Analytical Engines".into(),
            field: "software development".into(),
            my_name: "Sam Rivera".into(),
            my_phone: "503-555-0199".into(),
            my_address: "1200 Center St NE, Salem, OR 97301".into(),
            referrer: "Charles Babbage".into(),
            may_name_referrer: true,
            ..MergeValues::default()
        }
    }

    #[test]
    fn fills_known_fields_and_keeps_the_rest() {
        let text = merge(
            "Dear {{person.name}} ({{ person.first_name }}), {{referral}} {{unknown}} {{me.email}}",
            &values(),
        );
        assert_eq!(
            text,
            "Dear Ada Lovelace (Ada), Charles Babbage suggested that I contact you. {{unknown}} {{me.email}}"
        );
    }

    #[test]
    fn the_referrer_is_named_only_with_permission() {
        let mut v = values();
        v.may_name_referrer = false;
        assert_eq!(merge("Hello. {{referral}}", &v), "Hello.");
    }

    #[test]
    fn the_introduction_offers_the_times_kept_on_the_interview() {
        use chrono::TimeZone as _;
        let zone = crate::validated::TimeZone::parse("America/Los_Angeles").unwrap();
        let now = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap();
        let times = crate::proposed_times::ProposedTimes::from_form(
            &["2026-12-08 10:00".to_owned(), "2026-12-09 14:30".to_owned()],
            zone,
            now,
        )
        .unwrap();
        let mut v = values();
        v.my_email = "sam@mail.example".into();
        v.times = times.sentence(zone, now);
        let letter = merge(builtin("introduction").unwrap().body, &v);
        assert!(
            letter.contains(
                "starting out. Would Tuesday 8 December at 10:00 or Wednesday 9 December at 14:30 (PST) suit you?"
            ),
            "{letter}"
        );
        assert_eq!(
            crate::linter::lint(&letter, Purpose::Introduction),
            Vec::new(),
            "offering times is no job pitch"
        );
        v.times.clear();
        let open = merge(builtin("introduction").unwrap().body, &v);
        assert!(
            open.contains("starting out.\n\nI will call"),
            "without times the letter asks openly: {open}"
        );
    }

    #[test]
    fn the_signature_carries_address_and_phone() {
        let text = merge(builtin("thank-you").unwrap().body, &values());
        assert!(
            text.ends_with("Sam Rivera\n1200 Center St NE, Salem, OR 97301\n503-555-0199"),
            "{text}"
        );
    }

    #[test]
    fn every_rule_template_exists() {
        for rule in crate::tasks::TaskRule::ALL {
            if let Some(key) = for_rule(*rule) {
                assert!(builtin(key).is_some(), "{key}");
            }
        }
    }
}

/// A template as typed in the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateForm {
    /// Name.
    pub name: String,
    /// Purpose name.
    pub purpose: String,
    /// Channel name.
    pub channel: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
}

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInput {
    /// Name.
    pub name: String,
    /// Purpose.
    pub purpose: Purpose,
    /// Channel.
    pub channel: Channel,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
}

impl TemplateForm {
    /// Checks the template.
    pub fn validate(&self) -> Result<TemplateInput, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        let name = errors.check(crate::validated::required_line("name", &self.name));
        let purpose = errors.check(Purpose::parse(&self.purpose));
        let channel = errors.check(Channel::parse(&self.channel));
        let subject = errors.check(crate::validated::optional_line("subject", &self.subject));
        if self.body.trim().is_empty() {
            errors.push(crate::FieldError::new(
                "body",
                "write the text of the template",
            ));
        }
        let body = errors.check(crate::validated::long_text("body", &self.body));
        let (Some(name), Some(purpose), Some(channel), Some(subject)) =
            (name, purpose, channel, subject)
        else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(TemplateInput {
            name,
            purpose,
            channel,
            subject: subject.unwrap_or_default(),
            body: body.unwrap_or_default(),
        })
    }
}
