//! HTML pages, one module per resource.

mod account;
mod admin;
mod after;
mod assets;
mod brief;
mod calendar;
mod caseload;
mod charts;
mod contacts;
mod conversations;
mod fields;
mod form;
mod health;
mod home;
mod imports;
mod insights;
mod interviews;
mod letters;
mod live;
mod network;
mod organizations;
mod people;
mod plan;
mod profile;
mod proposed_times;
mod questions;
mod search;
mod shared;
mod sharing;
mod sign_in;
mod tasks;
mod tokens;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// The largest body any route accepts (a confirmed import).
pub(crate) const MAX_BODY: usize = imports::MAX_CONFIRM;
/// The largest file an import reads.
pub(crate) use imports::MAX_UPLOAD;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sign-in",
            get(sign_in::sign_in_form).post(sign_in::sign_in),
        )
        .route(
            "/sign-up",
            get(sign_in::sign_up_form).post(sign_in::sign_up),
        )
        .route(
            "/set-password",
            get(sign_in::set_password_form).post(sign_in::set_password),
        )
        .route("/sign-out", post(sign_in::sign_out))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/sessions/{id}/end", post(account::end_session))
        .route(
            "/account/sessions/end-others",
            post(account::end_other_sessions),
        )
        .route("/account/delete", post(account::delete))
        .route("/sharing", get(sharing::show).post(sharing::create))
        .route("/sharing/{id}/revoke", post(sharing::revoke))
        .route("/caseload", get(caseload::show))
        .route("/caseload/{share}", get(caseload::student))
        .route("/admin", get(admin::show))
        .route("/admin/invitations", post(admin::invite))
        .route("/", get(home::show))
        .route("/healthz", get(health::show))
        .route("/static/style.css", get(assets::stylesheet))
        .route("/static/app.js", get(assets::script))
        .route("/people", get(people::list).post(people::create))
        .route("/people/new", get(people::new))
        .route("/people/{id}", get(people::show).post(people::update))
        .route("/people/{id}/edit", get(people::edit))
        .route(
            "/people/{id}/delete",
            get(people::confirm_delete).post(people::delete),
        )
        .route(
            "/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route("/organizations/new", get(organizations::new))
        .route(
            "/organizations/{id}",
            get(organizations::show).post(organizations::update),
        )
        .route("/organizations/{id}/edit", get(organizations::edit))
        .route(
            "/organizations/{id}/delete",
            get(organizations::confirm_delete).post(organizations::delete),
        )
        .route("/fields", get(fields::list).post(fields::create))
        .route("/fields/new", get(fields::new))
        .route("/fields/{id}", get(fields::show).post(fields::update))
        .route("/fields/{id}/edit", get(fields::edit))
        .route("/fields/{id}/delete", post(fields::delete))
        .route(
            "/interviews",
            get(interviews::board).post(interviews::create),
        )
        .route("/interviews/all", get(interviews::list))
        .route("/insights", get(insights::show))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}/revoke", post(tokens::revoke))
        .route(
            "/account/tokens",
            get(tokens::counselor_list).post(tokens::counselor_create),
        )
        .route(
            "/account/tokens/{id}/revoke",
            post(tokens::counselor_revoke),
        )
        .route("/network", get(network::show))
        .route("/interviews/new", get(interviews::new))
        .route(
            "/interviews/{id}",
            get(interviews::show).post(interviews::update),
        )
        .route("/interviews/{id}/edit", get(interviews::edit))
        .route("/interviews/{id}/delete", post(interviews::delete))
        .route("/interviews/{id}/move", post(interviews::move_to))
        .route("/interviews/{id}/reschedule", post(interviews::reschedule))
        .route("/interviews/{id}/proposed-times", post(proposed_times::set))
        .route(
            "/interviews/{id}/proposed-times/choose",
            post(proposed_times::choose),
        )
        .route("/interviews/{id}/prep", post(interviews::save_prep))
        .route("/interviews/{id}/plan", get(plan::show))
        .route("/interviews/{id}/plan/add", post(plan::add))
        .route("/interviews/{id}/plan/suggested", post(plan::add_suggested))
        .route("/interviews/{id}/plan/{item}", post(plan::update))
        .route("/interviews/{id}/plan/{item}/up", post(plan::up))
        .route("/interviews/{id}/plan/{item}/down", post(plan::down))
        .route("/interviews/{id}/plan/{item}/remove", post(plan::remove))
        .route("/interviews/{id}/plan/{item}/note", post(live::save_note))
        .route("/interviews/{id}/brief", get(brief::show))
        .route(
            "/interviews/{id}/live",
            get(live::show).post(live::save_all),
        )
        .route("/interviews/{id}/notes", post(live::save_notes))
        .route("/interviews/{id}/referrals", post(live::capture_referral))
        .route("/interviews/{id}/after", get(after::show).post(after::save))
        .route("/questions", get(questions::show).post(questions::create))
        .route("/questions/{id}/delete", post(questions::delete))
        .route("/profile", get(profile::show).post(profile::save))
        .route("/profile/resumes", post(profile::add_resume))
        .route("/profile/resumes/{id}/delete", post(profile::delete_resume))
        .route(
            "/conversations",
            get(conversations::list).post(conversations::create),
        )
        .route("/conversations/{id}/person", post(conversations::to_person))
        .route("/conversations/{id}/delete", post(conversations::delete))
        .route("/capture", get(conversations::capture))
        .route("/demo", post(home::load_demo))
        .route("/search", get(search::show))
        .route(
            "/import",
            get(imports::show)
                .post(imports::apply)
                .layer(DefaultBodyLimit::max(imports::MAX_CONFIRM)),
        )
        .route(
            "/import/preview",
            post(imports::preview).layer(DefaultBodyLimit::max(imports::MAX_UPLOAD)),
        )
        .route(
            "/import/restore",
            post(imports::restore).layer(DefaultBodyLimit::max(imports::MAX_CONFIRM)),
        )
        .route("/import/{id}/undo", post(imports::undo))
        .route("/export/backup.json", get(imports::export_json))
        .route("/export/people.csv", get(imports::export_csv))
        .route("/export/people.vcf", get(imports::export_vcard))
        .route("/tasks", get(tasks::list).post(tasks::create))
        .route("/tasks/{id}", post(tasks::update))
        .route("/tasks/{id}/edit", get(tasks::edit))
        .route("/tasks/{id}/delete", post(tasks::delete))
        .route("/tasks/done", post(tasks::done))
        .route("/tasks/snooze", post(tasks::snooze))
        .route("/letters", get(letters::list).post(letters::create))
        .route("/letters/new", get(letters::new))
        .route("/letters/{key}", post(letters::update))
        .route("/letters/{key}/edit", get(letters::edit))
        .route("/letters/{key}/reset", post(letters::reset))
        .route(
            "/people/{id}/letter",
            get(letters::compose).post(letters::send),
        )
        .route("/people/{id}/contacts", post(contacts::log))
        .route("/contacts/{id}", get(contacts::show))
        .route("/contacts/{id}/eml", get(contacts::eml))
        .route("/calendar", get(calendar::show))
        .route("/calendar.ics", get(calendar::download))
        .route("/calendar/rotate", post(calendar::rotate))
        .route("/calendar/revoke", post(calendar::revoke))
        .route("/calendar/{file}", get(calendar::feed))
        .fallback(|| async { AppError::NotFound })
}
