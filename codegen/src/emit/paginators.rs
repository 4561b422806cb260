//! `src/paginator.rs`: how each paginated operation moves its token, page size
//! and items, and the item enums of paginators with several result keys. The
//! state machine and the drivers are generic runtime code.

use super::util::{cfg, in_operation, is_copy, rust_type};
use crate::ir::{MemberPath, Operation, Paginator, ResultKey, ResultKind, Service, TokenPair, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let impls = service
        .operations
        .iter()
        .filter_map(|op| op.paginator.as_ref().map(|p| paginated(service, op, p, &cfg(service, [&op.feature]))));
    quote! {
        //! Pagination: which members carry each paginated operation's tokens,
        //! page size and items, with the item enums of paginators that have
        //! several result keys and the structs of their `non_aggregate_keys`.
        //! Drive them with [`Paginator`](crate::runtime::paginate::Paginator).
        #(#impls)*
    }
}

fn paginated(service: &Service, op: &Operation, p: &Paginator, cfg: &TokenStream) -> TokenStream {
    let name = in_operation(op, &op.rust_name);
    let input = in_operation(op, &op.input);
    let output = in_operation(op, &op.output);
    let wires = p.tokens.iter().map(|t| &t.input_wire);
    let set_tokens = p.tokens.iter().enumerate().map(|(i, t)| set_token(service, i, t));
    let tokens = p.tokens.iter().map(|t| input_token(service, t));
    let next_tokens = p.tokens.iter().map(|t| next_token(service, t));
    let more_results = p.more_results.as_ref().map(|flag| {
        let flag = read_flag(flag);
        // botocore stops when the flag is false or missing.
        quote! {
            fn more_results(output: &#output) -> bool {
                #flag
            }
        }
    });
    let set_page_size = match &p.page_size {
        Some(ps) => {
            let field = ident(&ps.field);
            let value = match ps.ty {
                TypeRef::Long => quote!(i64::from(size)),
                TypeRef::String => quote!(size.to_string()),
                _ => quote!(size),
            };
            quote! { input.#field = Some(#value); }
        }
        None => quote! { let _ = (input, size); },
    };
    let (item, item_enum) = item_type(op, p, cfg);
    let items = items(p);
    let (non_aggregate_type, non_aggregate_decl, non_aggregate) = non_aggregate(op, p, cfg);
    quote! {
        #item_enum

        #non_aggregate_decl

        #cfg
        impl crate::runtime::paginate::Paginated for #name {
            type Item = #item;
            const INPUT_TOKENS: &'static [&'static str] = &[#(#wires),*];

            fn set_tokens(
                input: &mut #input,
                tokens: &[Option<crate::primitives::Document>],
            ) -> Result<(), crate::runtime::paginate::PaginationError> {
                #(#set_tokens)*
                Ok(())
            }

            fn tokens(input: &#input) -> crate::runtime::paginate::Tokens {
                vec![#(#tokens),*]
            }

            fn set_page_size(input: &mut #input, size: i32) {
                #set_page_size
            }

            fn next_tokens(output: &#output) -> crate::runtime::paginate::Tokens {
                vec![#(#next_tokens),*]
            }

            #more_results

            #items

            type NonAggregate = #non_aggregate_type;

            fn non_aggregate(output: &#output) -> Self::NonAggregate {
                #non_aggregate
            }
        }
    }
}

/// Sets input token `i` from `tokens[i]`.
fn set_token(service: &Service, i: usize, t: &TokenPair) -> TokenStream {
    let field = ident(&t.input_field);
    let get = if i == 0 {
        quote!(tokens.first())
    } else {
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote!(tokens.get(#i))
    };
    if t.ty == TypeRef::String {
        let wire = &t.input_wire;
        return quote! {
            input.#field = match #get {
                Some(Some(crate::primitives::Document::String(s))) => Some(s.clone()),
                Some(Some(other)) => {
                    return Err(crate::runtime::paginate::PaginationError::InvalidStartingToken(
                        format!("`{}` is not a string: {other:?}", #wire),
                    ));
                }
                _ => None,
            };
        };
    }
    let read = super::de::read(service, &t.ty);
    quote! {
        input.#field = match #get {
            Some(Some(value)) => crate::runtime::paginate::token::from_document(value, |r| #read)?,
            _ => None,
        };
    }
}

/// The token value an input member holds.
fn input_token(service: &Service, t: &TokenPair) -> TokenStream {
    let field = ident(&t.input_field);
    if t.ty == TypeRef::String {
        return quote!(input.#field.clone().map(crate::primitives::Document::String));
    }
    let to_document = to_document(service, &t.ty);
    quote!(input.#field.as_ref().and_then(|x| #to_document))
}

/// The next token value a response gives.
fn next_token(service: &Service, t: &TokenPair) -> TokenStream {
    if t.ty == TypeRef::String {
        let s = read_str(&t.output);
        return quote!(#s.map(|s| crate::primitives::Document::String(s.to_owned())));
    }
    let to_document = to_document(service, &t.ty);
    match access(&t.output, false) {
        Access::Place(place) => quote!({ let x = &#place; #to_document }),
        Access::Opt(opt) => quote!(#opt.and_then(|x| #to_document)),
    }
}

/// `Option<Document>` of `x` (a reference), through its serializer.
fn to_document(service: &Service, ty: &TypeRef) -> TokenStream {
    let write = super::ser::value(service, ty, &quote!(x), 0);
    quote! {
        crate::runtime::paginate::token::to_document(|w| {
            #write
            Ok(())
        })
    }
}

/// The `NonAggregate` type, the struct declaring it, and the body reading it.
fn non_aggregate(op: &Operation, p: &Paginator, cfg: &TokenStream) -> (TokenStream, Option<TokenStream>, TokenStream) {
    let Some(na) = &p.non_aggregate else {
        return (quote!(()), None, quote! { let _ = output; });
    };
    let name = ident(&na.rust_name);
    let fields = na.keys.iter().map(|(wire, field, path)| {
        let (field, ty) = (ident(field), rust_type(&path.ty));
        let doc = format!(" `{wire}`, as the first page gave it.");
        quote! { #[doc = #doc] pub #field: Option<#ty>, }
    });
    let values = na.keys.iter().map(|(_, field, path)| {
        let field = ident(field);
        let value = match (access(path, false), is_copy(&path.ty)) {
            (Access::Place(place), true) => quote!(Some(#place)),
            (Access::Place(place), false) => quote!(Some(#place.clone())),
            (Access::Opt(opt), true) => quote!(#opt.copied()),
            (Access::Opt(opt), false) => quote!(#opt.cloned()),
        };
        quote! { #field: #value, }
    });
    let doc = format!(
        " The `non_aggregate_keys` of [`{op}`]({module}::{op})'s paginator: members that are the same on every \
         page, kept from the first page (`non_aggregate()` on its page and item streams).",
        op = op.rust_name,
        module = super::util::operation_module(op),
    );
    let decl = quote! {
        #cfg
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* }
    };
    (quote!(#name), Some(decl), quote!(#name { #(#values)* }))
}

/// The `Item` type, and the enum declaring it when there are several keys.
fn item_type(op: &Operation, p: &Paginator, cfg: &TokenStream) -> (TokenStream, Option<TokenStream>) {
    let Some(enum_name) = &p.item_enum else {
        return match p.result_keys.first() {
            Some(key) => (key_item(key), None),
            None => (quote!(std::convert::Infallible), None),
        };
    };
    let enum_ident = ident(enum_name);
    let variants = p.result_keys.iter().map(|key| {
        let variant = ident(&key.variant);
        let ty = key_item(key);
        let doc = match key.kind {
            ResultKind::List { .. } => format!(" An element of `{}`.", key.wire),
            ResultKind::Map { .. } => format!(" An entry of `{}`.", key.wire),
            ResultKind::Value => format!(" The page's `{}`.", key.wire),
        };
        quote! { #[doc = #doc] #variant(#ty), }
    });
    let doc = format!(
        " An item of [`{op}`]({module}::{op})'s pages: each result key's, in the model's order \
         (the first key's items, then the next key's, page by page).",
        op = op.rust_name,
        module = super::util::operation_module(op),
    );
    let decl = quote! {
        #cfg
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // Items are moved out of their page one at a time; boxing the large
        // ones would cost an allocation per item.
        #[allow(clippy::large_enum_variant)]
        pub enum #enum_ident { #(#variants)* }
    };
    (quote!(#enum_ident), Some(decl))
}

/// The type of one item of a result key.
fn key_item(key: &ResultKey) -> TokenStream {
    match &key.kind {
        ResultKind::List { item, sparse } => optional(rust_type(item), *sparse),
        ResultKind::Map { key, value, sparse } => {
            let (k, v) = (rust_type(key), optional(rust_type(value), *sparse));
            quote!((#k, #v))
        }
        ResultKind::Value => rust_type(&key.path.ty),
    }
}

fn optional(ty: TokenStream, sparse: bool) -> TokenStream {
    if sparse { quote!(Option<#ty>) } else { ty }
}

/// `primary_len`, `trim_primary`, `clear_secondary` and `take_items`.
fn items(p: &Paginator) -> TokenStream {
    let Some(primary) = p.result_keys.first() else {
        return quote! {
            fn primary_len(output: &Self::Output) -> usize {
                let _ = output;
                0
            }
            fn trim_primary(output: &mut Self::Output, skip: usize, keep: Option<usize>) {
                let _ = (output, skip, keep);
            }
            fn take_items(output: &mut Self::Output) -> (Vec<Self::Item>, usize) {
                let _ = output;
                (Vec::new(), 0)
            }
        };
    };
    let (len, trim) = match primary.kind {
        ResultKind::List { .. } => {
            let len = match access(&primary.path, false) {
                Access::Place(place) => quote!(#place.len()),
                Access::Opt(opt) => quote!(#opt.map_or(0, Vec::len)),
            };
            let cut = quote! {
                items.drain(..skip.min(items.len()));
                if let Some(keep) = keep {
                    items.truncate(keep);
                }
            };
            let trim = match access(&primary.path, true) {
                Access::Place(place) => quote! { let items = &mut #place; #cut },
                Access::Opt(opt) => quote! { if let Some(items) = #opt { #cut } },
            };
            (len, trim)
        }
        // A map or a value is one item, never cut: dropped only when the
        // page was resumed after it (or there is no room for it at all).
        _ => {
            let len = match access(&primary.path, false) {
                Access::Place(_) => quote! { let _ = output; 1 },
                Access::Opt(opt) => quote!(usize::from(#opt.is_some())),
            };
            let clear = clear(primary);
            (len, quote! { if skip > 0 || keep == Some(0) { #clear } })
        }
    };
    let clear_secondary = (p.result_keys.len() > 1).then(|| {
        let clears = p.result_keys[1..].iter().map(clear);
        quote! {
            fn clear_secondary(output: &mut Self::Output) {
                #(#clears)*
            }
        }
    });
    let take = match (&p.item_enum, &primary.kind) {
        // The common case moves the page's `Vec` out as it is.
        (None, ResultKind::List { .. }) => match access(&primary.path, true) {
            Access::Place(place) => quote! {
                let items = std::mem::take(&mut #place);
                let n = items.len();
                (items, n)
            },
            Access::Opt(opt) => quote! {
                match #opt {
                    Some(items) => {
                        let items = std::mem::take(items);
                        let n = items.len();
                        (items, n)
                    }
                    None => (Vec::new(), 0),
                }
            },
        },
        _ => {
            let mut takes = p.result_keys.iter().map(|key| {
                let variant = p.item_enum.as_ref().map(|e| {
                    let (e, v) = (ident(e), ident(&key.variant));
                    quote!(.map(#e::#v))
                });
                let (moved, is_iter) = take_key(key);
                let moved = match (variant, is_iter) {
                    (Some(variant), true) => quote!(#moved #variant),
                    (Some(variant), false) => quote!(#moved.into_iter() #variant),
                    (None, _) => moved,
                };
                quote! { items.extend(#moved); }
            });
            let first = takes.next();
            quote! {
                let mut items = Vec::new();
                #first
                let primary = items.len();
                #(#takes)*
                (items, primary)
            }
        }
    };
    quote! {
        fn primary_len(output: &Self::Output) -> usize {
            #len
        }

        fn trim_primary(output: &mut Self::Output, skip: usize, keep: Option<usize>) {
            #trim
        }

        #clear_secondary

        fn take_items(output: &mut Self::Output) -> (Vec<Self::Item>, usize) {
            #take
        }
    }
}

/// A result key's items, moved out of `output`, and whether that is an
/// iterator already (else an `Option` or a collection).
fn take_key(key: &ResultKey) -> (TokenStream, bool) {
    match key.kind {
        ResultKind::List { .. } | ResultKind::Map { .. } => match access(&key.path, true) {
            Access::Place(place) => (quote!(std::mem::take(&mut #place)), false),
            Access::Opt(opt) => (quote!(#opt.map(std::mem::take).into_iter().flatten()), true),
        },
        ResultKind::Value => {
            let (parent, last) = split_last(&key.path);
            let field = ident(&last.field);
            let unbox = last.boxed.then(|| quote!(.map(|x| *x)));
            let taken = match (last.optional, access(&parent, true)) {
                (true, Access::Place(place)) => quote!(#place.#field.take() #unbox),
                (true, Access::Opt(opt)) => quote!(#opt.and_then(|x| x.#field.take()) #unbox),
                (false, Access::Place(place)) if is_copy(&key.path.ty) => quote!(Some(#place.#field)),
                (false, Access::Opt(opt)) if is_copy(&key.path.ty) => quote!(#opt.map(|x| x.#field)),
                (false, Access::Place(place)) => quote!(Some(#place.#field.clone())),
                (false, Access::Opt(opt)) => quote!(#opt.map(|x| x.#field.clone())),
            };
            (taken, false)
        }
    }
}

/// Empties a result key: lists and maps become empty, an optional value `None`.
fn clear(key: &ResultKey) -> TokenStream {
    match key.kind {
        ResultKind::List { .. } | ResultKind::Map { .. } => match access(&key.path, true) {
            Access::Place(place) => quote! { #place.clear(); },
            Access::Opt(opt) => quote! { if let Some(items) = #opt { items.clear(); } },
        },
        ResultKind::Value => {
            let (parent, last) = split_last(&key.path);
            let field = ident(&last.field);
            match (last.optional, access(&parent, true)) {
                (true, Access::Place(place)) => quote! { #place.#field = None; },
                (true, Access::Opt(opt)) => quote! { if let Some(x) = #opt { x.#field = None; } },
                // A required value stays: there is no empty one to put there.
                (false, _) => quote! { let _ = &output; },
            }
        }
    }
}

fn split_last(path: &MemberPath) -> (MemberPath, &crate::ir::PathStep) {
    let (last, parent) = path.steps.split_last().expect("a path names at least one member");
    // The parent's type is not read by `access`.
    (MemberPath { steps: parent.to_vec(), ty: TypeRef::Document }, last)
}

/// A path from `output`, as generated code reaches it.
enum Access {
    /// Every field on the way is required: a place expression.
    Place(TokenStream),
    /// An `Option<&T>` (or `Option<&mut T>`).
    Opt(TokenStream),
}

/// Plain field accesses while every field on the way is required, then
/// `Option` combinators from the first optional one on. Paths read with
/// `mutable` hold no `[-1]`.
fn access(path: &MemberPath, mutable: bool) -> Access {
    let (as_opt, as_opt_deref, borrow) = if mutable {
        (quote!(as_mut), quote!(as_deref_mut), quote!(&mut))
    } else {
        (quote!(as_ref), quote!(as_deref), quote!(&))
    };
    let mut expr = Access::Place(quote!(output));
    for s in &path.steps {
        let f = ident(&s.field);
        expr = match (expr, s.optional, s.boxed) {
            (Access::Place(place), true, true) => Access::Opt(quote!(#place.#f.#as_opt_deref())),
            (Access::Place(place), true, false) => Access::Opt(quote!(#place.#f.#as_opt())),
            (Access::Place(place), false, _) => Access::Place(quote!(#place.#f)),
            (Access::Opt(opt), true, true) => Access::Opt(quote!(#opt.and_then(|x| x.#f.#as_opt_deref()))),
            (Access::Opt(opt), true, false) => Access::Opt(quote!(#opt.and_then(|x| x.#f.#as_opt()))),
            (Access::Opt(opt), false, true) => Access::Opt(quote!(#opt.map(|x| #borrow *x.#f))),
            (Access::Opt(opt), false, false) => Access::Opt(quote!(#opt.map(|x| #borrow x.#f))),
        };
        if let Some(sparse) = s.last_of {
            let last = match expr {
                Access::Place(place) => quote!(#place.last()),
                Access::Opt(opt) => quote!(#opt.and_then(|x| x.last())),
            };
            expr = Access::Opt(if sparse { quote!(#last.and_then(|x| x.as_ref())) } else { last });
        }
    }
    expr
}

/// `Option<&str>` of the string at `path`.
fn read_str(path: &MemberPath) -> TokenStream {
    let last = path.steps.last().expect("a path names at least one member");
    if last.last_of.is_none() && !last.boxed {
        // Ends at a string field: `as_deref` / `as_str` reach `&str` directly.
        let (parent, last) = split_last(path);
        let f = ident(&last.field);
        return match (last.optional, access(&parent, false)) {
            (true, Access::Place(place)) => quote!(#place.#f.as_deref()),
            (true, Access::Opt(opt)) => quote!(#opt.and_then(|x| x.#f.as_deref())),
            (false, Access::Place(place)) => quote!(Some(#place.#f.as_str())),
            (false, Access::Opt(opt)) => quote!(#opt.map(|x| x.#f.as_str())),
        };
    }
    match access(path, false) {
        Access::Place(place) => quote!(Some(#place.as_str())),
        Access::Opt(opt) => quote!(#opt.map(String::as_str)),
    }
}

/// `bool` of the flag at `path`, false when it is missing.
fn read_flag(path: &MemberPath) -> TokenStream {
    match access(path, false) {
        Access::Place(place) => quote!(#place),
        Access::Opt(opt) => quote!(#opt.copied().unwrap_or(false)),
    }
}
