//! HTML pages, one module per resource.

mod assets;
mod fields;
mod form;
mod health;
mod home;
mod organizations;
mod people;
mod shared;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(health::show))
        .route("/static/style.css", get(assets::stylesheet))
        .route("/static/app.js", get(assets::script))
        .route("/people", get(people::list).post(people::create))
        .route("/people/new", get(people::new))
        .route("/people/{id}", get(people::show).post(people::update))
        .route("/people/{id}/edit", get(people::edit))
        .route("/people/{id}/delete", get(people::confirm_delete).post(people::delete))
        .route("/organizations", get(organizations::list).post(organizations::create))
        .route("/organizations/new", get(organizations::new))
        .route("/organizations/{id}", get(organizations::show).post(organizations::update))
        .route("/organizations/{id}/edit", get(organizations::edit))
        .route("/organizations/{id}/delete", get(organizations::confirm_delete).post(organizations::delete))
        .route("/fields", get(fields::list).post(fields::create))
        .route("/fields/new", get(fields::new))
        .route("/fields/{id}", get(fields::show).post(fields::update))
        .route("/fields/{id}/edit", get(fields::edit))
        .route("/fields/{id}/delete", axum::routing::post(fields::delete))
        .fallback(|| async { AppError::NotFound })
}
