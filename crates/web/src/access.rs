//! Who may use each route, in one table. Every route of the application has
//! exactly one entry; a request to a route without one is refused (the
//! table fails closed), and a test holds the table against the router.

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (assets, health, the secret calendar feed).
    Anyone,
    /// The signed-in student, on their own workbench (in local mode, the
    /// single local account).
    Student,
}

use Access::{Anyone, Student};

/// Every route as `(method, path, who)`, with axum's path syntax.
pub const ROUTES: &[(&str, &str, Access)] = &[
    ("GET", "/", Student),
    ("GET", "/healthz", Anyone),
    ("GET", "/static/style.css", Anyone),
    ("GET", "/static/app.js", Anyone),
    ("GET", "/people", Student),
    ("POST", "/people", Student),
    ("GET", "/people/new", Student),
    ("GET", "/people/{id}", Student),
    ("POST", "/people/{id}", Student),
    ("GET", "/people/{id}/edit", Student),
    ("GET", "/people/{id}/delete", Student),
    ("POST", "/people/{id}/delete", Student),
    ("GET", "/organizations", Student),
    ("POST", "/organizations", Student),
    ("GET", "/organizations/new", Student),
    ("GET", "/organizations/{id}", Student),
    ("POST", "/organizations/{id}", Student),
    ("GET", "/organizations/{id}/edit", Student),
    ("GET", "/organizations/{id}/delete", Student),
    ("POST", "/organizations/{id}/delete", Student),
    ("GET", "/fields", Student),
    ("POST", "/fields", Student),
    ("GET", "/fields/new", Student),
    ("GET", "/fields/{id}", Student),
    ("POST", "/fields/{id}", Student),
    ("GET", "/fields/{id}/edit", Student),
    ("POST", "/fields/{id}/delete", Student),
    ("GET", "/interviews", Student),
    ("POST", "/interviews", Student),
    ("GET", "/interviews/all", Student),
    ("GET", "/interviews/new", Student),
    ("GET", "/interviews/{id}", Student),
    ("POST", "/interviews/{id}", Student),
    ("GET", "/interviews/{id}/edit", Student),
    ("POST", "/interviews/{id}/delete", Student),
    ("POST", "/interviews/{id}/move", Student),
    ("POST", "/interviews/{id}/prep", Student),
    ("GET", "/interviews/{id}/plan", Student),
    ("POST", "/interviews/{id}/plan/add", Student),
    ("POST", "/interviews/{id}/plan/suggested", Student),
    ("POST", "/interviews/{id}/plan/{item}", Student),
    ("POST", "/interviews/{id}/plan/{item}/up", Student),
    ("POST", "/interviews/{id}/plan/{item}/down", Student),
    ("POST", "/interviews/{id}/plan/{item}/remove", Student),
    ("POST", "/interviews/{id}/plan/{item}/note", Student),
    ("GET", "/interviews/{id}/brief", Student),
    ("GET", "/interviews/{id}/live", Student),
    ("POST", "/interviews/{id}/live", Student),
    ("POST", "/interviews/{id}/notes", Student),
    ("POST", "/interviews/{id}/referrals", Student),
    ("GET", "/interviews/{id}/after", Student),
    ("POST", "/interviews/{id}/after", Student),
    ("GET", "/questions", Student),
    ("POST", "/questions", Student),
    ("POST", "/questions/{id}/delete", Student),
    ("GET", "/profile", Student),
    ("POST", "/profile", Student),
    ("POST", "/profile/resumes", Student),
    ("POST", "/profile/resumes/{id}/delete", Student),
    ("GET", "/conversations", Student),
    ("POST", "/conversations", Student),
    ("POST", "/conversations/{id}/person", Student),
    ("POST", "/conversations/{id}/delete", Student),
    ("GET", "/capture", Student),
    ("POST", "/demo", Student),
    ("GET", "/search", Student),
    ("GET", "/import", Student),
    ("POST", "/import", Student),
    ("POST", "/import/preview", Student),
    ("POST", "/import/{id}/undo", Student),
    ("GET", "/export/backup.json", Student),
    ("GET", "/export/people.csv", Student),
    ("GET", "/export/people.vcf", Student),
    ("POST", "/tasks/done", Student),
    ("POST", "/tasks/snooze", Student),
    ("GET", "/letters", Student),
    ("POST", "/letters", Student),
    ("GET", "/letters/new", Student),
    ("POST", "/letters/{key}", Student),
    ("GET", "/letters/{key}/edit", Student),
    ("POST", "/letters/{key}/reset", Student),
    ("GET", "/people/{id}/letter", Student),
    ("POST", "/people/{id}/letter", Student),
    ("POST", "/people/{id}/contacts", Student),
    ("GET", "/contacts/{id}", Student),
    ("GET", "/contacts/{id}/eml", Student),
    ("GET", "/calendar", Student),
    ("GET", "/calendar.ics", Student),
    ("POST", "/calendar/rotate", Student),
    ("POST", "/calendar/revoke", Student),
    ("GET", "/calendar/{file}", Anyone),
];

/// The entry for `method` and the matched `path`; HEAD is read as GET.
pub fn access(method: &Method, path: &str) -> Option<Access> {
    let method = if method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    ROUTES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, a)| *a)
}

/// Refuses a matched route that has no entry in [`ROUTES`].
pub(crate) async fn check(request: Request, next: Next) -> Response {
    if let Some(matched) = request.extensions().get::<MatchedPath>()
        && access(request.method(), matched.as_str()).is_none()
    {
        tracing::error!(route = matched.as_str(), method = %request.method(), "route missing from the access table");
        return crate::error::AppError::NotFound.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;

    async fn status(router: &mut Router, path: &str) -> StatusCode {
        let request = axum::http::Request::get(path)
            .body(Body::empty())
            .expect("a request");
        tower::Service::call(router, request)
            .await
            .map(|r| r.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    #[tokio::test]
    async fn a_route_without_an_entry_is_refused() {
        let mut router = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route("/unlisted", get(|| async { "secret" }))
            .layer(axum::middleware::from_fn(check));
        assert_eq!(status(&mut router, "/healthz").await, StatusCode::OK);
        assert_eq!(
            status(&mut router, "/unlisted").await,
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn each_route_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (method, path, _) in ROUTES {
            assert!(seen.insert((method, path)), "{method} {path} twice");
        }
        assert_eq!(access(&Method::HEAD, "/"), Some(Access::Student));
        assert_eq!(
            access(&Method::GET, "/calendar/{file}"),
            Some(Access::Anyone)
        );
    }
}
