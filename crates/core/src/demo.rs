//! A realistic sample network for `rapport demo`: a student exploring three
//! fields, with organizations, people linked by referrals, interviews at every
//! step of the pipeline, reflections, tasks and casual conversations. Records
//! refer to each other by index; times are hours from "now".

use crate::conversations::ConversationForm;
use crate::fields::{FieldForm, Fit};
use crate::organizations::OrganizationForm;
use crate::people::PersonForm;
use crate::pipeline::Status;
use crate::preparation::PrepFlags;
use crate::profile::Profile;
use crate::reflections::ReflectionForm;
use chrono::{DateTime, Duration, Utc};

/// A person and the records they link to, by index.
#[derive(Debug, Clone)]
pub struct SamplePerson {
    /// The person (organization and referrer left empty).
    pub form: PersonForm,
    /// Index into [`Sample::organizations`].
    pub organization: Option<usize>,
    /// Index of the referrer in [`Sample::people`].
    pub referred_by: Option<usize>,
}

/// An interview of the sample.
#[derive(Debug, Clone)]
pub struct SampleInterview {
    /// Index into [`Sample::people`].
    pub person: usize,
    /// Indexes into [`Sample::fields`].
    pub fields: Vec<usize>,
    /// Where it stands.
    pub status: Status,
    /// Start, in whole hours from now (negative: in the past).
    pub start_in_hours: Option<i64>,
    /// Agreed minutes.
    pub length: u16,
    /// in-person, phone or video.
    pub mode: &'static str,
    /// Place: an address at the person's organization, its meeting link or
    /// a phone number (see [`place_at`]).
    pub place: String,
    /// Built-in question keys of the plan.
    pub questions: Vec<&'static str>,
    /// Notes against the first questions, for interviews that happened.
    pub answers: Vec<&'static str>,
    /// Ticked checklist items.
    pub prep: PrepFlags,
    /// What they look for in people.
    pub qualifications: &'static str,
    /// The reflection, for interviews that happened.
    pub reflection: Option<ReflectionForm>,
}

/// A task of the user's own.
#[derive(Debug, Clone)]
pub struct SampleTask {
    /// What to do.
    pub title: &'static str,
    /// Why.
    pub reason: &'static str,
    /// Due, in hours from now.
    pub due_in_hours: Option<i64>,
    /// Index into [`Sample::people`].
    pub person: Option<usize>,
}

/// Everything the demo loads.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The student's self profile.
    pub profile: Profile,
    /// Fields explored.
    pub fields: Vec<FieldForm>,
    /// Organizations.
    pub organizations: Vec<OrganizationForm>,
    /// People.
    pub people: Vec<SamplePerson>,
    /// Interviews.
    pub interviews: Vec<SampleInterview>,
    /// The user's own tasks.
    pub tasks: Vec<SampleTask>,
    /// Casual conversations.
    pub conversations: Vec<ConversationForm>,
}

const FIRST: [&str; 20] = [
    "Dana", "Marcus", "Priya", "Tomás", "Aiko", "Grace", "Kwame", "Sofia", "Ibrahim", "Lena",
    "Mateo", "Hannah", "Ravi", "Chloe", "Jonas", "Amara", "Wei", "Olivia", "Diego", "Fatima",
];
const LAST: [&str; 20] = [
    "Ruiz", "Bennett", "Nair", "Alvarez", "Tanaka", "Okafor", "Mensah", "Rossi", "Haddad",
    "Fischer", "Silva", "Kowalski", "Iyer", "Dubois", "Larsen", "Obi", "Zhang", "Walsh", "Moreno",
    "Rahman",
];
const TITLES: [&str; 12] = [
    "Engineering Manager",
    "Software Engineer",
    "Senior UX Designer",
    "Data Analyst",
    "Director of Product",
    "UX Researcher",
    "Analytics Lead",
    "Junior Developer",
    "Design Manager",
    "Data Engineer",
    "Recruiting Coordinator",
    "Staff Engineer",
];
const SOURCES: [&str; 10] = [
    "friend",
    "fellow-student",
    "former-co-worker",
    "alumni-office",
    "career-center",
    "professional-organization",
    "neighbor",
    "directory",
    "chance-meeting",
    "supervisor",
];

fn org(name: &str, site: &str, products: &str, research: &[(&str, &str)]) -> OrganizationForm {
    OrganizationForm {
        name: name.into(),
        website: site.into(),
        products: products.into(),
        research: research
            .iter()
            .map(|(s, n)| ((*s).to_owned(), (*n).to_owned()))
            .collect(),
        ..OrganizationForm::default()
    }
}

fn organizations() -> Vec<OrganizationForm> {
    vec![
        org(
            "Willamette Health Partners",
            "willamette-health.example",
            "Regional hospitals and clinics",
            &[
                ("website", "Three hospitals, a new patient app team"),
                ("news", "Opened a digital care office in 2025"),
            ],
        ),
        org(
            "Cascade Freight Systems",
            "cascadefreight.example",
            "Logistics software for trucking fleets",
            &[
                ("website", "Route planning and fleet telematics"),
                ("annual-report", "Revenue up 12%; hiring in data"),
            ],
        ),
        org(
            "Lumen Learning Co.",
            "lumenlearning.example",
            "Online courses for community colleges",
            &[("website", "Open textbooks, course platform")],
        ),
        org(
            "Salem City Digital Services",
            "salem-digital.example",
            "The city's websites and permit systems",
            &[
                ("literature", "Digital strategy 2026 plan"),
                ("word-of-mouth", "Small team, good mentoring"),
            ],
        ),
        org(
            "Northbank Credit Union",
            "northbank.example",
            "Member banking and loans",
            &[("website", "Mobile banking rebuild under way")],
        ),
        org(
            "Evergreen Analytics",
            "evergreen-analytics.example",
            "Data consulting for nonprofits",
            &[
                ("website", "Dashboards for food banks"),
                ("library", "Profiled in the Business Journal"),
            ],
        ),
        org(
            "Pixel & Pine Studio",
            "pixelandpine.example",
            "Design agency: apps and brands",
            &[("website", "Portfolio of 40 client apps")],
        ),
        org(
            "Ridgeline Outdoor",
            "ridgeline.example",
            "Outdoor gear retailer with an online store",
            &[],
        ),
        org(
            "Orbit Robotics",
            "orbitrobotics.example",
            "Warehouse robots",
            &[("news", "Raised a Series B")],
        ),
        org(
            "Mid-Valley School District",
            "midvalley-schools.example",
            "Public schools, 12,000 students",
            &[],
        ),
        org(
            "Harbor Insurance Group",
            "harbor-insurance.example",
            "Home and auto insurance",
            &[("annual-report", "Investing in claims automation")],
        ),
        org(
            "Fernleaf Games",
            "fernleaf.example",
            "Indie game studio",
            &[],
        ),
        org(
            "Open Trail Software",
            "opentrail.example",
            "Open-source mapping tools",
            &[("website", "Volunteer contributors, paid core team")],
        ),
        org(
            "Columbia Energy Cooperative",
            "columbia-energy.example",
            "Rural electric utility",
            &[],
        ),
        org(
            "Beacon Civic Tech",
            "beaconcivic.example",
            "Software for public agencies",
            &[("word-of-mouth", "Alumni say it is a kind place to start")],
        ),
    ]
}

/// Who referred whom: the first twelve are people the student already
/// knew; each of the rest was introduced by an earlier person. Some introduce
/// three people and some none, so the network branches, and its chains run
/// four people deep.
fn referrers(count: usize) -> Vec<Option<usize>> {
    const KNOWN: [usize; 12] = [3, 2, 0, 1, 2, 0, 3, 1, 0, 2, 0, 1];
    const LATER: [usize; 9] = [2, 0, 1, 3, 0, 1, 2, 0, 1];
    let mut referred_by = vec![None; count];
    let mut next = KNOWN.len();
    for referrer in 0..count {
        let introduced = KNOWN
            .get(referrer)
            .copied()
            .unwrap_or(LATER[referrer % LATER.len()]);
        for _ in 0..introduced {
            if next < count {
                referred_by[next] = Some(referrer);
                next += 1;
            }
        }
    }
    referred_by
}

fn people() -> Vec<SamplePerson> {
    let referrers = referrers(60);
    (0..60)
        .map(|i| {
            let title = TITLES[i % TITLES.len()];
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i * 7 + i / FIRST.len()) % LAST.len()];
            let referred_by = referrers[i];
            let source = if referred_by.is_some() {
                "referral"
            } else {
                SOURCES[i % SOURCES.len()]
            };
            let mut form = PersonForm {
                name: format!("{first} {last}"),
                title: title.into(),
                source: source.into(),
                hiring_authority: title.contains("Manager")
                    || title.contains("Director")
                    || title.contains("Lead"),
                may_name_referrer: referred_by.is_some() && i % 3 != 0,
                business_card: i % 4 == 0,
                // Asked at the end of a conversation: set in [`sample`] for
                // those who have been interviewed.
                stay_in_touch: false,
                ..PersonForm::default()
            };
            if i % 2 == 0 {
                form.emails = vec![format!(
                    "{}.{}@mail.example",
                    first.to_lowercase(),
                    last.to_lowercase()
                )];
            }
            if i % 5 == 0 {
                form.phones = vec![format!("503-555-{:04}", 100 + i)];
            }
            if i % 6 == 0 {
                form.tags = vec!["mentor".into()];
            }
            SamplePerson {
                form,
                organization: (i % 20 < 15).then_some(i % 15),
                referred_by,
            }
        })
        .collect()
}

fn fields() -> Vec<FieldForm> {
    vec![
        FieldForm {
            title: "Software developer".into(),
            onet_code: "15-1252.00".into(),
            status: "promising".into(),
            fit: Fit {
                interests: "I like building things and solving puzzles".into(),
                abilities: "Logical thinking; I learn tools quickly".into(),
                values: "Want to make things people use every day".into(),
                skills: "Python from classes, some JavaScript".into(),
            },
            research: vec![
                ("onet".into(), "Bright outlook; many paths in".into()),
                ("ooh".into(), "Faster than average growth".into()),
            ],
            ..FieldForm::default()
        },
        FieldForm {
            title: "UX designer".into(),
            onet_code: "15-1255.00".into(),
            status: "exploring".into(),
            fit: Fit {
                interests: "Curious about how people use apps".into(),
                ..Fit::default()
            },
            research: vec![(
                "word-of-mouth".into(),
                "Portfolios matter more than degrees".into(),
            )],
            ..FieldForm::default()
        },
        FieldForm {
            title: "Data analyst".into(),
            onet_code: "15-2051.00".into(),
            status: "exploring".into(),
            research: vec![(
                "state-lmi".into(),
                "Steady demand in the Willamette Valley".into(),
            )],
            ..FieldForm::default()
        },
    ]
}

fn reflection(
    positive: &str,
    negative: &str,
    plan: &str,
    fit: &str,
    liked: &str,
) -> Option<ReflectionForm> {
    Some(ReflectionForm {
        learned_positive: positive.into(),
        learned_negative: negative.into(),
        fit_with_self: "Fits my interest in building things; need more data skills".into(),
        still_to_learn: "What the first year is really like".into(),
        plan_of_action: plan.into(),
        feelings: "Nervous at the start, at ease once we talked about their first job".into(),
        field_fit: fit.into(),
        likability: liked.into(),
        setting: "4".into(),
    })
}

#[allow(clippy::too_many_arguments)]
fn interview(
    person: usize,
    fields: Vec<usize>,
    status: Status,
    start_in_hours: Option<i64>,
    mode: &'static str,
    place: &'static str,
    questions: Vec<&'static str>,
    reflection: Option<ReflectionForm>,
) -> SampleInterview {
    let place = place.to_owned();
    let happened = matches!(status, Status::Done | Status::Thanked | Status::Closed);
    SampleInterview {
        person,
        fields,
        status,
        start_in_hours,
        length: 30,
        mode,
        place,
        answers: if happened {
            vec![
                "Mostly code review and pairing in the morning",
                "Started in support, moved to QA, then dev",
            ]
        } else {
            Vec::new()
        },
        prep: PrepFlags {
            answers: happened || status == Status::Confirmed,
            resume: happened,
            clothes: happened,
            directions: happened,
        },
        qualifications: if happened {
            "Curiosity, clear writing, one finished project to show"
        } else {
            ""
        },
        questions,
        reflection,
    }
}

fn interviews() -> Vec<SampleInterview> {
    use Status::*;
    let core_q = || {
        vec![
            "do.what",
            "day.typical",
            "path.best-way-in",
            "org.people",
            "tips.career",
        ]
    };
    let staff_q = || {
        vec![
            "do.duties",
            "do.like-best",
            "day.problems",
            "path.why-chose",
            "tiara.advice",
        ]
    };
    vec![
        interview(
            0,
            vec![0],
            Confirmed,
            Some(20),
            "in-person",
            "2nd floor, Salem",
            core_q(),
            None,
        ),
        interview(
            1,
            vec![0],
            Scheduled,
            Some(50),
            "video",
            "https://meet.example/cascade",
            staff_q(),
            None,
        ),
        interview(
            2,
            vec![1],
            Scheduled,
            Some(98),
            "phone",
            "503-555-0102",
            vec![],
            None,
        ),
        interview(
            3,
            vec![2],
            Confirmed,
            Some(1),
            "video",
            "https://meet.example/ravi",
            core_q(),
            None,
        ),
        interview(
            4,
            vec![0],
            Scheduled,
            Some(170),
            "in-person",
            "front lobby, Salem",
            vec![],
            None,
        ),
        interview(5, vec![0], Requested, None, "in-person", "", vec![], None),
        interview(6, vec![1], Requested, None, "video", "", vec![], None),
        interview(7, vec![2], Requested, None, "phone", "", vec![], None),
        interview(8, vec![0], Idea, None, "in-person", "", vec![], None),
        interview(9, vec![1], Idea, None, "in-person", "", vec![], None),
        interview(10, vec![2], Idea, None, "video", "", vec![], None),
        interview(11, vec![0, 2], Idea, None, "in-person", "", vec![], None),
        interview(
            12,
            vec![0],
            Done,
            Some(-20),
            "in-person",
            "main office, Salem",
            core_q(),
            reflection(
                "They mentor juniors well",
                "On-call weeks sound hard",
                "Read Evergreen's annual report\nAsk Marcus about the data team",
                "5",
                "5",
            ),
        ),
        interview(
            13,
            vec![1],
            Done,
            Some(-5),
            "video",
            "https://meet.example/pixel",
            staff_q(),
            None,
        ),
        interview(
            14,
            vec![0],
            Done,
            Some(-30),
            "phone",
            "503-555-0114",
            staff_q(),
            reflection(
                "Lots of learning on the job",
                "Pay starts low",
                "Finish my portfolio project",
                "3",
                "3",
            ),
        ),
        interview(
            15,
            vec![0],
            Thanked,
            Some(-24 * 6),
            "in-person",
            "Wilsonville",
            core_q(),
            reflection(
                "Robotics needs software people badly",
                "Long commute",
                "Look up the robotics meetup",
                "4",
                "4",
            ),
        ),
        interview(
            16,
            vec![2],
            Thanked,
            Some(-24 * 9),
            "video",
            "https://meet.example/school",
            staff_q(),
            reflection(
                "Data helps teachers directly",
                "Budgets are tight",
                "Take the SQL course",
                "5",
                "4",
            ),
        ),
        interview(
            17,
            vec![1],
            Thanked,
            Some(-24 * 12),
            "in-person",
            "Portland",
            core_q(),
            reflection(
                "Design team is respected",
                "Insurance feels dry to me",
                "Ask about design internships",
                "2",
                "5",
            ),
        ),
        interview(
            18,
            vec![0],
            Thanked,
            Some(-24 * 15),
            "phone",
            "503-555-0118",
            staff_q(),
            reflection(
                "Games are fun to build",
                "Crunch time is real",
                "",
                "2",
                "2",
            ),
        ),
        interview(
            19,
            vec![0],
            Closed,
            Some(-24 * 30),
            "in-person",
            "Salem",
            core_q(),
            reflection(
                "Open source is a way in",
                "Few paid roles",
                "Contribute a small fix to Open Trail",
                "4",
                "4",
            ),
        ),
        interview(
            20,
            vec![2],
            Closed,
            Some(-24 * 40),
            "video",
            "https://meet.example/energy",
            staff_q(),
            reflection(
                "Utilities value reliability",
                "Slow to adopt new tools",
                "",
                "3",
                "3",
            ),
        ),
        interview(
            21,
            vec![1],
            Closed,
            Some(-24 * 45),
            "in-person",
            "Salem",
            core_q(),
            reflection(
                "Civic tech matches my values",
                "Small team, few openings",
                "Volunteer at the civic hack night",
                "5",
                "4",
            ),
        ),
        interview(22, vec![0], Declined, None, "in-person", "", vec![], None),
        interview(23, vec![2], Declined, None, "phone", "", vec![], None),
        interview(24, vec![1], NoReply, None, "video", "", vec![], None),
    ]
}

/// The organizations of the people interviewed, as `(person, organization)`,
/// where the rule of [`people`] would give another or none.
const WORKS_AT: [(usize, usize); 9] = [
    (12, 5),
    (13, 6),
    (15, 8),
    (16, 9),
    (17, 10),
    (18, 11),
    (19, 12),
    (20, 13),
    (21, 14),
];

/// Where an interview happens, so that it belongs to the person's
/// organization: its meeting link for a video call, an address there in
/// person (`hint` says where in the building and the town); a person
/// without an organization meets at the neutral place of the hint.
fn place_at(i: &SampleInterview, people: &[SamplePerson], orgs: &[OrganizationForm]) -> String {
    let person = &people[i.person];
    let org = person.organization.map(|o| &orgs[o]);
    // A link carries plain letters: "Tomás" meets at ".../tomas".
    let first: String = person
        .form
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ï' | 'î' => 'i',
            'ó' | 'ö' | 'ô' => 'o',
            'ú' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if i.place.is_empty() {
        // Not agreed yet.
        return String::new();
    }
    match (i.mode, org) {
        ("video", Some(org)) => {
            let site = org.website.trim_start_matches("https://");
            format!("https://meet.{site}/{first}")
        }
        ("video", None) => format!("https://meet.example/{first}"),
        ("in-person", Some(org)) => format!("{}, {}", org.name, i.place),
        _ => i.place.clone(),
    }
}

/// When a sample interview was planned and when it made each move along
/// the pipeline (`start` is its agreed start, when it has one), so that its
/// status history, and the activity drawn from it, reads like weeks of work
/// rather than one moment. Every time is at or before `now`, in order.
pub fn timeline(
    i: &SampleInterview,
    start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, Vec<(Status, DateTime<Utc>)>) {
    let days = |n: i64| Duration::days(n);
    // Undated ones were asked for some days ago, each on another day.
    let planned = match start {
        Some(s) => s - days(16),
        None => now - days(4 + i64::try_from(i.person % 9).unwrap_or(0) * 2),
    };
    let end = start.map(|s| s + Duration::minutes(i64::from(i.length)));
    let mut at = planned.min(now);
    let first = at;
    let moves = crate::pipeline::path(Status::Idea, i.status)
        .unwrap_or_default()
        .into_iter()
        .map(|to| {
            let wanted = match (to, start, end) {
                (Status::Requested, _, _) => planned + days(1),
                (Status::Scheduled, Some(s), _) => s - days(9),
                (Status::Confirmed, Some(s), _) => s - days(1),
                (Status::Done, _, Some(e)) => e,
                (Status::Thanked, _, Some(e)) => e + Duration::hours(20),
                (Status::Closed, _, Some(e)) => e + days(6),
                _ => planned + days(4),
            };
            at = wanted.clamp(at, now.max(at));
            (to, at)
        })
        .collect();
    (first, moves)
}

/// When the `n`th sample person was added: the network grows over the
/// months before `now`, the people first known first.
pub fn added_at(n: usize, now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(i64::try_from(60usize.saturating_sub(n) * 2).unwrap_or(0))
}

/// The whole sample.
pub fn sample() -> Sample {
    let mut profile = Profile {
        interests: "Building useful things, puzzles, helping people learn".into(),
        abilities: "Patient explainer; quick to pick up tools".into(),
        values: "Work that helps my community; a team that teaches".into(),
        skills: "Python, spreadsheets, customer service".into(),
        goals: "A first job in software or data within a year".into(),
        signature_name: "Sam Rivera".into(),
        signature_address: "1200 Center St NE, Salem, OR 97301".into(),
        signature_phone: "503-555-0199".into(),
        signature_email: "sam.rivera@mail.example".into(),
        ..Profile::default()
    };
    profile.answers = [
        "I like building tools people use, and I want to see how that work is done day to day."
            .into(),
        "I learn quickly and I stick with a problem until it is solved.".into(),
        "Your team builds software for the community I live in.".into(),
        "Five years in customer service, then back to school for computer science.".into(),
        "To understand how people enter the field, so I can plan my next courses.".into(),
    ];
    let organizations = organizations();
    let mut people = people();
    // Those interviewed work where their reflections say.
    for (person, org) in WORKS_AT {
        people[person].organization = Some(org);
    }
    let mut interviews = interviews();
    for i in &mut interviews {
        i.place = place_at(i, &people, &organizations);
        let held = matches!(i.status, Status::Done | Status::Thanked | Status::Closed);
        // All but one of those interviewed said the student may stay in touch.
        if held && i.person != 14 {
            let form = &mut people[i.person].form;
            form.stay_in_touch = true;
            form.cadence_days = "90".into();
        }
    }
    Sample {
        profile,
        fields: fields(),
        organizations,
        people,
        interviews,
        tasks: vec![
            SampleTask {
                title: "Research Ridgeline Outdoor",
                reason: "Do your homework before you ask for an interview.",
                due_in_hours: Some(30),
                person: None,
            },
            SampleTask {
                title: "Update résumé with the portfolio project",
                reason: "Bring a current copy to every interview.",
                due_in_hours: Some(-10),
                person: None,
            },
            SampleTask {
                title: "Ask Priya for the design meetup details",
                reason: "A resource mentioned in your last interview.",
                due_in_hours: Some(72),
                person: Some(2),
            },
            SampleTask {
                title: "Draft your five short answers",
                reason: "Rehearsed answers help you get your foot in the door.",
                due_in_hours: None,
                person: None,
            },
        ],
        conversations: vec![
            ConversationForm {
                who: "Nurse on the 14 bus".into(),
                place: "Bus to campus".into(),
                learned: "Hospitals hire analysts for scheduling".into(),
                occurred_on: String::new(),
            },
            ConversationForm {
                who: "Game developer at a party".into(),
                place: "Lena's birthday".into(),
                learned: "Small studios hire generalists".into(),
                occurred_on: String::new(),
            },
            ConversationForm {
                who: "Woman in line at the bank".into(),
                place: "Northbank branch".into(),
                learned: "The credit union is rebuilding its app".into(),
                occurred_on: String::new(),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_valid_and_covers_every_status() {
        let s = sample();
        assert_eq!(
            (
                s.fields.len(),
                s.organizations.len(),
                s.people.len(),
                s.interviews.len()
            ),
            (3, 15, 60, 25)
        );
        assert!(s.profile.validate().is_ok());
        for f in &s.fields {
            f.validate().unwrap();
        }
        for o in &s.organizations {
            o.validate().unwrap();
        }
        for (i, p) in s.people.iter().enumerate() {
            let mut form = p.form.clone();
            form.referred_by_id = p.referred_by.map(|r| r.to_string());
            form.validate().unwrap();
            assert!(p.referred_by.is_none_or(|r| r < i), "referrers come first");
            assert!(p.organization.is_none_or(|o| o < s.organizations.len()));
        }
        for status in Status::ALL {
            assert!(s.interviews.iter().any(|i| i.status == status), "{status}");
        }
        for i in &s.interviews {
            assert!(i.person < s.people.len() && i.fields.iter().all(|f| *f < s.fields.len()));
            assert!(
                i.questions
                    .iter()
                    .all(|q| crate::questions::builtin(q).is_some())
            );
            if let Some(r) = &i.reflection {
                r.validate().unwrap();
            }
            assert_eq!(
                i.start_in_hours.is_some(),
                !matches!(
                    i.status,
                    Status::Idea | Status::Requested | Status::Declined | Status::NoReply
                )
            );
        }
        let chains = s
            .people
            .iter()
            .filter(|p| {
                p.referred_by
                    .is_some_and(|r| s.people[r].referred_by.is_some())
            })
            .count();
        assert!(chains > 10, "referral chains: {chains}");
    }

    #[test]
    fn the_sample_tells_the_insights_story() {
        use crate::insights::ratings::{RatingPoint, fit_follows_liking};
        let s = sample();
        let held = |f: usize| {
            s.interviews
                .iter()
                .filter(|i| {
                    i.fields.contains(&f)
                        && matches!(i.status, Status::Done | Status::Thanked | Status::Closed)
                })
                .count()
        };
        let ratings = |f: usize| -> Vec<RatingPoint> {
            s.interviews
                .iter()
                .filter(|i| i.fields.contains(&f))
                .filter_map(|i| {
                    let r = i.reflection.as_ref()?;
                    Some(RatingPoint {
                        interview_id: String::new(),
                        fit: r.field_fit.parse().ok()?,
                        likability: r.likability.parse().ok(),
                        setting: r.setting.parse().ok(),
                    })
                })
                .collect()
        };
        // Enough interviews about the first field, but its fit ratings
        // follow how much the person was liked; the third is thin.
        assert!(held(0) >= 3);
        assert!(fit_follows_liking(&ratings(0)).is_some());
        assert!(fit_follows_liking(&ratings(1)).is_none());
        assert!(held(2) < 3);
        // The history runs over weeks, in order, never ahead of now.
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 6, 12, 0, 0).unwrap();
        let mut days = std::collections::BTreeSet::new();
        for i in &s.interviews {
            let start = i.start_in_hours.map(|h| now + Duration::hours(h));
            let (planned, moves) = timeline(i, start, now);
            let mut last = planned;
            for (_, at) in moves {
                assert!(at >= last && at <= now);
                last = at;
                days.insert(at.date_naive());
            }
        }
        assert!(days.len() > 20, "moves on {} days", days.len());
        assert!(added_at(0, now) < added_at(59, now));
    }

    #[test]
    fn places_belong_to_the_organization_and_the_network_branches() {
        let s = sample();
        for i in &s.interviews {
            let org = s.people[i.person].organization.map(|o| &s.organizations[o]);
            match (i.mode, org) {
                (_, _) if i.place.is_empty() => assert!(i.start_in_hours.is_none()),
                ("video", Some(o)) => assert!(
                    i.place.starts_with(&format!("https://meet.{}/", o.website))
                        && i.place.is_ascii(),
                    "{} for {}",
                    i.place,
                    o.name
                ),
                ("in-person", Some(o)) => {
                    assert!(i.place.starts_with(&o.name), "{} for {}", i.place, o.name);
                }
                _ => {}
            }
        }
        // "May stay in touch" is asked at the end of a conversation.
        for (n, p) in s.people.iter().enumerate() {
            let held = s.interviews.iter().any(|i| {
                i.person == n && matches!(i.status, Status::Done | Status::Thanked | Status::Closed)
            });
            assert!(!p.form.stay_in_touch || held, "{}", p.form.name);
        }
        assert!(s.people.iter().any(|p| p.form.stay_in_touch));
        // Branches: someone introduced three people, and the longest chain
        // runs four people deep.
        let introduced = |n: usize| s.people.iter().filter(|p| p.referred_by == Some(n)).count();
        assert!((0..s.people.len()).any(|n| introduced(n) >= 3));
        let depth = |mut n: usize| {
            let mut d = 1;
            while let Some(r) = s.people[n].referred_by {
                n = r;
                d += 1;
            }
            d
        };
        assert_eq!((0..s.people.len()).map(depth).max(), Some(4));
    }
}
