//! The SSO token cache (`~/.aws/sso/cache/<sha1>.json`, written by
//! `aws sso login`) as botocore's `SSOTokenLoader` and `SSOTokenProvider`
//! use it: the access token is read from it; with an `sso_session`, a token
//! within 15 minutes of expiry is refreshed through SSO-OIDC `CreateToken`
//! when the file holds a refresh token and an unexpired client registration,
//! and the file is rewritten with the new token (other keys kept).

use super::roles::{RoleContext, RoleSources, SsoRequest, SsoTokenRefresh};
use super::{Credentials, CredentialsError, parse_expiry};
use crate::datetime::{DateTime, Format};
use crate::document::Document;
use crate::json::{JsonReader, JsonWriter};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

/// botocore's `SSOTokenProvider._REFRESH_WINDOW`.
const TOKEN_REFRESH_WINDOW: Duration = Duration::from_secs(15 * 60);

/// `GetRoleCredentials` with the cached (refreshed when due) access token.
pub(crate) async fn sso_credentials(
    request: &SsoRequest,
    sources: &dyn RoleSources,
    context: &RoleContext,
) -> Result<Credentials, CredentialsError> {
    let name = request.session_name.as_deref().unwrap_or(&request.start_url);
    let login = format!("run `aws sso login` for {}", login_target(request));
    let path = &request.cache_file;
    let invalid = |problem: String| {
        CredentialsError::invalid_configuration(format!("the SSO token cache {} {problem}", path.display()))
    };
    let text =
        context.fs.read_to_string(path).map_err(|e| invalid(format!("cannot be read: {e}")))?.ok_or_else(|| {
            CredentialsError::invalid_configuration(format!("no SSO token for {name} is cached: {login}"))
        })?;
    let mut token = match JsonReader::new(text.as_bytes()).document() {
        Ok(Document::Object(token)) => token,
        _ => return Err(invalid("is not a JSON object".to_owned())),
    };
    let text_of =
        |token: &BTreeMap<String, Document>, key: &str| token.get(key).and_then(Document::as_str).map(str::to_owned);
    let expiry_of = |token: &BTreeMap<String, Document>, key: &str| {
        text_of(token, key)
            .map(|t| parse_expiry(&t).map_err(|e| invalid(format!("has a wrong {key}: {e}"))))
            .transpose()
    };
    let (Some(_), Some(mut expires_at)) = (text_of(&token, "accessToken"), expiry_of(&token, "expiresAt")?) else {
        return Err(invalid("has no accessToken or expiresAt".to_owned()));
    };
    let now = SystemTime::now();
    if request.session_name.is_some() && expires_at < now + TOKEN_REFRESH_WINDOW {
        let refresh =
            match (text_of(&token, "refreshToken"), text_of(&token, "clientId"), text_of(&token, "clientSecret")) {
                (Some(refresh_token), Some(client_id), Some(client_secret))
                    if expiry_of(&token, "registrationExpiresAt")?.is_some_and(|at| at > now) =>
                {
                    Some(SsoTokenRefresh {
                        sso_region: request.sso_region.clone(),
                        client_id,
                        client_secret,
                        refresh_token,
                    })
                }
                _ => None,
            };
        // A failed refresh leaves the cached token in use while it lasts (as botocore).
        if let Some(Ok(new)) = match &refresh {
            Some(refresh) => Some(sources.refresh_sso_token(refresh, context).await),
            None => None,
        } {
            let at = DateTime::from(new.expires_at).fmt(Format::DateTime);
            token.insert("accessToken".to_owned(), Document::String(new.access_token));
            token.insert("expiresAt".to_owned(), Document::String(at));
            if let Some(rotated) = new.refresh_token {
                token.insert("refreshToken".to_owned(), Document::String(rotated));
            }
            let mut writer = JsonWriter::new();
            writer.document(&Document::Object(token.clone()));
            context.fs.write(path, writer.as_bytes()).map_err(|e| invalid(format!("cannot be written: {e}")))?;
            expires_at = new.expires_at;
        }
    }
    if expires_at <= SystemTime::now() {
        let at = DateTime::from(expires_at).fmt(Format::DateTime);
        return Err(CredentialsError::provider_error(format!(
            "the SSO token for {name} expired at {at} and cannot be refreshed: {login}"
        )));
    }
    let access_token = text_of(&token, "accessToken").unwrap_or_default();
    sources.sso_role_credentials(request, &access_token, context).await
}

/// What to name in `aws sso login`'s advice.
fn login_target(request: &SsoRequest) -> String {
    match &request.session_name {
        Some(session) => format!("--sso-session {session}"),
        None => format!("--profile {}", request.profile),
    }
}
