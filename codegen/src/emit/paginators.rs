//! `src/paginator.rs`: how each paginated operation moves its token, page size
//! and items. The state machine and the drivers are generic runtime code.

use super::util::{cfg, in_operation, rust_type};
use crate::ir::{Operation, Paginator, Service, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let impls = service
        .operations
        .iter()
        .filter_map(|op| op.paginator.as_ref().map(|p| paginated(op, p, &cfg(service, [&op.feature]))));
    quote! {
        //! Pagination: which members carry each paginated operation's token,
        //! page size and items. Drive them with
        //! [`Paginator`](crate::runtime::paginate::Paginator).
        #(#impls)*
    }
}

fn paginated(op: &Operation, p: &Paginator, cfg: &TokenStream) -> TokenStream {
    let name = in_operation(op, &op.rust_name);
    let input = in_operation(op, &op.input);
    let output = in_operation(op, &op.output);
    let in_token = ident(&p.input_token);
    let out_token = ident(&p.output_token);
    let token_wire = &p.input_token_wire;
    let set_page_size = match &p.page_size {
        Some(ps) => {
            let field = ident(&ps.field);
            let value = match ps.ty {
                TypeRef::Long => quote!(i64::from(size)),
                _ => quote!(size),
            };
            quote! { input.#field = Some(#value); }
        }
        None => quote! { let _ = (input, size); },
    };
    let (item, items_body) = match &p.items {
        Some(items) => {
            let field = ident(&items.field);
            let body = if items.optional { quote!(output.#field.as_mut()) } else { quote!(Some(&mut output.#field)) };
            let item = rust_type(&items.item);
            let item = if items.sparse { quote!(Option<#item>) } else { item };
            (item, body)
        }
        None => (quote!(std::convert::Infallible), quote! { let _ = output; None }),
    };
    quote! {
        #cfg
        impl crate::runtime::paginate::Paginated for #name {
            type Item = #item;
            const INPUT_TOKEN: &'static str = #token_wire;

            fn set_token(input: &mut #input, token: Option<String>) {
                input.#in_token = token;
            }

            fn token(input: &#input) -> Option<&str> {
                input.#in_token.as_deref()
            }

            fn set_page_size(input: &mut #input, size: i32) {
                #set_page_size
            }

            fn next_token(output: &#output) -> Option<&str> {
                output.#out_token.as_deref()
            }

            fn items(output: &mut #output) -> Option<&mut Vec<Self::Item>> {
                #items_body
            }
        }
    }
}
