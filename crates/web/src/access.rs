//! Who may use each route, in one table. Every route of the application has
//! exactly one entry; a request to a route without one is refused (the
//! table fails closed), and a test holds the table against the router.
//! The check here is the only place that decides by mode and by kind of
//! account; handlers then take a [`crate::student::Student`] or a
//! [`crate::counselor::Counselor`], which can only be had on an allowed
//! request.

use crate::session::signed_in;
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_store::accounts::Kind;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not, in both modes (assets, health, the secret
    /// calendar feed).
    Anyone,
    /// Anyone, in server mode only: signing in and up, one-time links.
    Visitor,
    /// The student on their own workbench: the local account, or a
    /// signed-in student.
    Student,
    /// A signed-in student, in server mode only (sharing with counselors).
    StudentOnServer,
    /// A signed-in counselor.
    Counselor,
    /// A signed-in administrator.
    Admin,
    /// Any signed-in account, whatever its kind (its own sessions, password
    /// and deletion; signing out).
    Account,
    /// The JSON API, in both modes: its own extractor (`api::caller`) decides
    /// by personal token or session, and answers 401 or 403 as a problem
    /// rather than sending a browser to sign in.
    Api,
}

use Access::{Account, Admin, Anyone, Api, Counselor, Student, StudentOnServer, Visitor};

/// Every route as `(method, path, who)`, with axum's path syntax.
pub const ROUTES: &[(&str, &str, Access)] = &[
    ("GET", "/", Student),
    ("GET", "/healthz", Anyone),
    ("GET", "/api/v1/openapi.json", Anyone),
    ("GET", "/api/v1/people", Api),
    ("POST", "/api/v1/people", Api),
    ("GET", "/api/v1/people/{id}", Api),
    ("PUT", "/api/v1/people/{id}", Api),
    ("DELETE", "/api/v1/people/{id}", Api),
    ("GET", "/api/v1/organizations", Api),
    ("POST", "/api/v1/organizations", Api),
    ("GET", "/api/v1/organizations/{id}", Api),
    ("PUT", "/api/v1/organizations/{id}", Api),
    ("DELETE", "/api/v1/organizations/{id}", Api),
    ("GET", "/api/v1/fields", Api),
    ("POST", "/api/v1/fields", Api),
    ("GET", "/api/v1/fields/{id}", Api),
    ("PUT", "/api/v1/fields/{id}", Api),
    ("DELETE", "/api/v1/fields/{id}", Api),
    ("GET", "/api/v1/interviews", Api),
    ("POST", "/api/v1/interviews", Api),
    ("GET", "/api/v1/search", Api),
    ("GET", "/api/v1/interviews/{id}", Api),
    ("PUT", "/api/v1/interviews/{id}", Api),
    ("DELETE", "/api/v1/interviews/{id}", Api),
    ("POST", "/api/v1/interviews/{id}/move", Api),
    ("PUT", "/api/v1/interviews/{id}/prep", Api),
    ("PUT", "/api/v1/interviews/{id}/times", Api),
    ("POST", "/api/v1/interviews/{id}/times/choose", Api),
    ("GET", "/api/v1/interviews/{id}/plan", Api),
    ("POST", "/api/v1/interviews/{id}/plan", Api),
    ("PUT", "/api/v1/interviews/{id}/plan/{item}", Api),
    ("DELETE", "/api/v1/interviews/{id}/plan/{item}", Api),
    ("PUT", "/api/v1/interviews/{id}/plan/{item}/answer", Api),
    ("POST", "/api/v1/interviews/{id}/plan/{item}/move", Api),
    ("GET", "/api/v1/questions", Api),
    ("GET", "/api/v1/profile", Api),
    ("GET", "/api/v1/contacts", Api),
    ("GET", "/api/v1/caseload", Api),
    ("GET", "/api/v1/caseload/{id}", Api),
    ("POST", "/api/v1/imports/preview", Api),
    ("GET", "/api/v1/imports", Api),
    ("POST", "/api/v1/imports", Api),
    ("POST", "/api/v1/imports/{id}/undo", Api),
    ("GET", "/api/v1/exports/backup", Api),
    ("GET", "/api/v1/exports/people.csv", Api),
    ("GET", "/api/v1/exports/people.vcf", Api),
    ("GET", "/api/v1/conversations", Api),
    ("POST", "/api/v1/conversations", Api),
    ("GET", "/api/v1/conversations/{id}", Api),
    ("DELETE", "/api/v1/conversations/{id}", Api),
    ("PUT", "/api/v1/conversations/{id}/person", Api),
    ("GET", "/api/v1/contacts/{id}", Api),
    ("POST", "/api/v1/people/{id}/contacts", Api),
    ("GET", "/api/v1/letters", Api),
    ("POST", "/api/v1/letters", Api),
    ("PUT", "/api/v1/letters/{key}", Api),
    ("DELETE", "/api/v1/letters/{key}", Api),
    ("POST", "/api/v1/letters/check", Api),
    ("GET", "/api/v1/people/{id}/letters/{template}", Api),
    ("POST", "/api/v1/people/{id}/letters", Api),
    ("PUT", "/api/v1/profile", Api),
    ("POST", "/api/v1/questions", Api),
    ("DELETE", "/api/v1/questions/{id}", Api),
    ("GET", "/api/v1/interviews/{id}/reflection", Api),
    ("PUT", "/api/v1/interviews/{id}/reflection", Api),
    ("GET", "/api/v1/today", Api),
    ("GET", "/api/v1/tasks", Api),
    ("POST", "/api/v1/tasks", Api),
    ("GET", "/api/v1/tasks/{id}", Api),
    ("PUT", "/api/v1/tasks/{id}", Api),
    ("DELETE", "/api/v1/tasks/{id}", Api),
    ("POST", "/api/v1/tasks/{id}/done", Api),
    ("POST", "/api/v1/tasks/{id}/snooze", Api),
    ("GET", "/api/v1/insights", Api),
    ("GET", "/tokens", Student),
    ("POST", "/tokens", Student),
    ("POST", "/tokens/{id}/revoke", Student),
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
    ("GET", "/insights", Student),
    ("GET", "/network", Student),
    ("GET", "/interviews/new", Student),
    ("GET", "/interviews/{id}", Student),
    ("POST", "/interviews/{id}", Student),
    ("GET", "/interviews/{id}/edit", Student),
    ("POST", "/interviews/{id}/delete", Student),
    ("POST", "/interviews/{id}/move", Student),
    ("POST", "/interviews/{id}/reschedule", Student),
    ("POST", "/interviews/{id}/proposed-times", Student),
    ("POST", "/interviews/{id}/proposed-times/choose", Student),
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
    ("POST", "/import/restore", Student),
    ("POST", "/import/{id}/undo", Student),
    ("GET", "/export/backup.json", Student),
    ("GET", "/export/people.csv", Student),
    ("GET", "/export/people.vcf", Student),
    ("GET", "/tasks", Student),
    ("POST", "/tasks", Student),
    ("POST", "/tasks/{id}", Student),
    ("GET", "/tasks/{id}/edit", Student),
    ("POST", "/tasks/{id}/delete", Student),
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
    ("GET", "/sign-in", Visitor),
    ("POST", "/sign-in", Visitor),
    ("GET", "/sign-up", Visitor),
    ("POST", "/sign-up", Visitor),
    ("GET", "/set-password", Visitor),
    ("POST", "/set-password", Visitor),
    ("POST", "/sign-out", Account),
    ("GET", "/account", Account),
    ("POST", "/account/password", Account),
    ("POST", "/account/sessions/{id}/end", Account),
    ("GET", "/account/tokens", Counselor),
    ("POST", "/account/tokens", Counselor),
    ("POST", "/account/tokens/{id}/revoke", Counselor),
    ("POST", "/account/sessions/end-others", Account),
    ("POST", "/account/delete", Account),
    ("GET", "/sharing", StudentOnServer),
    ("POST", "/sharing", StudentOnServer),
    ("POST", "/sharing/{id}/revoke", StudentOnServer),
    ("GET", "/caseload", Counselor),
    ("GET", "/caseload/{share}", Counselor),
    ("GET", "/admin", Admin),
    ("POST", "/admin/invitations", Admin),
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

/// What the check decides for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Go on to the handler.
    Pass,
    /// Not signed in: to the sign-in page, coming back afterwards.
    SignIn,
    /// Signed in as another kind of account: its own first page.
    Home(Kind),
    /// Not a page for this request (a route without an entry, a
    /// server-mode page in local mode, another kind's page).
    NotFound,
}

/// The first page of each kind of account.
pub(crate) fn home(kind: Kind) -> &'static str {
    match kind {
        Kind::Counselor => "/caseload",
        Kind::Admin => "/admin",
        Kind::Local | Kind::Student => "/",
    }
}

/// Decides by the route's entry, the mode and who is signed in.
pub(crate) fn verdict(
    server: bool,
    entry: Option<Access>,
    who: Option<Kind>,
    path: &str,
) -> Verdict {
    let Some(entry) = entry else {
        return Verdict::NotFound;
    };
    if entry == Api {
        return Verdict::Pass;
    }
    if !server {
        return match entry {
            Anyone | Student => Verdict::Pass,
            _ => Verdict::NotFound,
        };
    }
    let Some(kind) = who else {
        return match entry {
            Anyone | Visitor => Verdict::Pass,
            _ => Verdict::SignIn,
        };
    };
    let allowed = match entry {
        // (`Api` passed above: its own extractor decides.)
        Anyone | Visitor | Account | Api => true,
        Student | StudentOnServer => kind == Kind::Student,
        Counselor => kind == Kind::Counselor,
        Admin => kind == Kind::Admin,
    };
    match (allowed, path) {
        (true, _) => Verdict::Pass,
        // The workbench's first page takes other kinds to their own.
        (false, "/") => Verdict::Home(kind),
        (false, _) => Verdict::NotFound,
    }
}

/// Applies [`verdict`] to every matched request.
pub(crate) async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    use crate::api::problem::{is_api, refusal};
    let Some(matched) = request.extensions().get::<MatchedPath>() else {
        if is_api(request.uri().path()) {
            return refusal(StatusCode::NOT_FOUND, "there is nothing at this address");
        }
        return next.run(request).await;
    };
    let path = matched.as_str();
    let entry = access(request.method(), path);
    if entry.is_none() && is_api(path) {
        // A method the operation does not take: say which it does.
        let allowed: Vec<&str> = ROUTES
            .iter()
            .filter(|(_, p, _)| *p == path)
            .map(|(m, _, _)| *m)
            .collect();
        let mut response = refusal(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("this address takes {}", allowed.join(", ")),
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&allowed.join(", ")) {
            response
                .headers_mut()
                .insert(axum::http::header::ALLOW, value);
        }
        return response;
    }
    if entry.is_none() {
        tracing::error!(route = path, method = %request.method(), "route missing from the access table");
    }
    let who = signed_in(request.extensions()).map(|s| s.kind);
    match verdict(state.server_mode().is_some(), entry, who, path) {
        Verdict::Pass => next.run(request).await,
        Verdict::SignIn => {
            let back = request
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            let to = if request.method() == Method::GET && back != "/" {
                format!("/sign-in?next={}", crate::format::url_part(&back))
            } else {
                "/sign-in".to_owned()
            };
            Redirect::to(&to).into_response()
        }
        Verdict::Home(kind) => Redirect::to(home(kind)).into_response(),
        Verdict::NotFound => crate::error::AppError::NotFound.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_verdict_fails_closed() {
        use Verdict::*;
        let s = Some(Kind::Student);
        let c = Some(Kind::Counselor);
        let a = Some(Kind::Admin);
        // No entry: refused in every mode and for everyone.
        for who in [None, s, c, a] {
            assert_eq!(verdict(true, None, who, "/x"), NotFound);
        }
        assert_eq!(verdict(false, None, None, "/x"), NotFound);
        // Local mode: the workbench and public routes only.
        assert_eq!(verdict(false, Some(Student), None, "/people"), Pass);
        for entry in [Visitor, StudentOnServer, Counselor, Admin, Account] {
            assert_eq!(
                verdict(false, Some(entry), None, "/p"),
                NotFound,
                "{entry:?}"
            );
        }
        // Server mode, signed out: sign in for anything but public routes.
        assert_eq!(verdict(true, Some(Visitor), None, "/sign-in"), Pass);
        for entry in [Student, StudentOnServer, Counselor, Admin, Account] {
            assert_eq!(verdict(true, Some(entry), None, "/p"), SignIn, "{entry:?}");
        }
        // Each kind only its own pages; "/" takes the others home.
        assert_eq!(verdict(true, Some(Student), s, "/people"), Pass);
        assert_eq!(verdict(true, Some(Student), c, "/people"), NotFound);
        assert_eq!(verdict(true, Some(Student), c, "/"), Home(Kind::Counselor));
        assert_eq!(verdict(true, Some(Counselor), s, "/caseload"), NotFound);
        assert_eq!(verdict(true, Some(Counselor), c, "/caseload"), Pass);
        assert_eq!(verdict(true, Some(Admin), c, "/admin"), NotFound);
        assert_eq!(verdict(true, Some(Admin), a, "/admin"), Pass);
        assert_eq!(verdict(true, Some(Account), c, "/account"), Pass);
        assert_eq!(verdict(true, Some(Student), a, "/calendar"), NotFound);
    }
}
