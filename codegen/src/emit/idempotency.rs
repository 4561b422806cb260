//! Idempotency tokens: a method on each operation input that has token
//! members, filling the unset ones, and its call in the client's `send()`.
//!
//! The serializer never fills tokens, so it stays a pure function of the
//! input. `send()` fills them once, before the driver runs, so a retry inside
//! the driver would resend the same token. `into_paginator()` does not: every
//! page is a new request needing its own token, and no model has a paginated
//! operation with one.

use super::util::field_ident;
use crate::ir::{Member, Struct};
use crate::naming::{FILL_IDEMPOTENCY_TOKENS, ident};
use proc_macro2::TokenStream;
use quote::quote;

/// Lowering leaves the flag only on operation inputs' string members.
fn tokens(s: &Struct) -> impl Iterator<Item = &Member> {
    s.members.iter().filter(|m| m.idempotency_token)
}

/// The fill method of an operation input, if it has token members.
pub(crate) fn fill_method(s: &Struct) -> Option<TokenStream> {
    let fields: Vec<_> = tokens(s).map(field_ident).collect();
    if fields.is_empty() {
        return None;
    }
    let method = ident(FILL_IDEMPOTENCY_TOKENS);
    let names = fields.iter().map(|f| format!("`{}`", f.to_string().trim_start_matches("r#"))).collect::<Vec<_>>();
    let doc = format!(" Fills each idempotency token left unset ({}) with a value from", names.join(", "));
    Some(quote! {
        #[doc = #doc]
        /// `new_token`; a value already set is kept, even an empty one.
        ///
        /// The client calls this before sending, with
        /// [`new_token`](crate::runtime::idempotency::new_token). `serialize_request`
        /// never fills tokens, so sans-IO callers call this first (once per
        /// request, not per retry, so that a retry is recognised).
        pub fn #method(&mut self, mut new_token: impl FnMut() -> String) {
            #( if self.#fields.is_none() { self.#fields = Some(new_token()); } )*
        }
    })
}

/// The statement in `send()` that fills the built `input`, which must then be
/// bound `mut`; `None` when the input has no token members.
pub(crate) fn fill_call(s: &Struct) -> Option<TokenStream> {
    let method = ident(FILL_IDEMPOTENCY_TOKENS);
    tokens(s).next().map(|_| quote! { input.#method(crate::runtime::idempotency::new_token); })
}
