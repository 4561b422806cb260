//! One builder per structure, with aws-sdk-rust's setter conventions, beside
//! its type (in the shape's file under `src/types/`, or in the operation's
//! `builders` module). The setter shapes are shared with the client's fluent
//! builders through [`setters`].

use super::util::{cfg, docs, field_ident, field_type, rust_type, type_ident, type_path, type_path_str, value_type};
use crate::ir::{Member, Service, Struct, StructRole, TypeRef};
use crate::naming::prefixed_method;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The builder of a structure, compiled with the structure.
pub(crate) fn builder(service: &Service, rust_name: &str, s: &Struct) -> TokenStream {
    let cfg = &cfg(service, service.shape(rust_name).usage.operations());
    let target = type_path(service, rust_name);
    let name = type_ident(&crate::naming::builder_name(rust_name));
    let fields = s.members.iter().map(|m| {
        let field = field_ident(m);
        let ty = value_type(m);
        quote! { pub(crate) #field: Option<#ty>, }
    });
    let setters = s.members.iter().map(|m| setters(m, &Setter::Own));
    let is_input = matches!(s.role, StructRole::Input { .. });
    let needs_result = s.build_is_fallible();
    let inits = s.members.iter().map(|m| {
        let field = field_ident(m);
        let rust_field = m.rust_name.as_str();
        // A required idempotency token may be left for the client to fill;
        // the serializer still checks it.
        if m.required && (is_input || !m.optional) && !m.idempotency_token {
            let check = quote! {
                self.#field.ok_or(crate::runtime::build::BuildError::missing_field(#rust_name, #rust_field))?
            };
            if m.optional { quote!(#field: Some(#check),) } else { quote!(#field: #check,) }
        } else {
            quote!(#field: self.#field,)
        }
    });
    let meta = matches!(s.role, StructRole::Error(_)).then(|| quote!(meta: Default::default(),));
    let build = if needs_result {
        quote! {
            /// Builds the value.
            ///
            /// # Errors
            /// When a required field is unset, naming that field.
            pub fn build(self) -> Result<#target, crate::runtime::build::BuildError> {
                Ok(#target { #(#inits)* #meta })
            }
        }
    } else {
        quote! {
            /// Builds the value.
            pub fn build(self) -> #target {
                #target { #(#inits)* #meta }
            }
        }
    };
    let doc = format!(" A builder for [`{rust_name}`]({}).", type_path_str(service, rust_name));
    quote! {
        #cfg
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        #cfg
        impl #name {
            #(#setters)*
            #build
        }
    }
}

/// Where the setters store their value.
pub(crate) enum Setter {
    /// On the builder itself.
    Own,
    /// Delegating to the builder held in a fluent builder's `inner` field.
    Delegate,
}

/// The three methods of a member: `x(value)` (appends for lists and inserts
/// for maps), `set_x(Option<..>)` and `get_x()`.
pub(crate) fn setters(m: &Member, how: &Setter) -> TokenStream {
    let field = field_ident(m);
    let doc = docs(&m.docs);
    let setter = format_ident!("{}", prefixed_method("set_", &m.rust_name));
    let getter = format_ident!("{}", prefixed_method("get_", &m.rust_name));
    let value_ty = value_type(m);
    let (adder_args, adder_body) = adder(m, &field);
    let full_ty = field_type(&Member { optional: true, ..m.clone() });
    match how {
        Setter::Own => quote! {
            #doc
            pub fn #field(mut self, #adder_args) -> Self { #adder_body self }
            #doc
            pub fn #setter(mut self, input: #full_ty) -> Self { self.#field = input; self }
            #doc
            pub fn #getter(&self) -> &Option<#value_ty> { &self.#field }
        },
        Setter::Delegate => {
            let call_args = delegate_args(m);
            quote! {
                #doc
                pub fn #field(mut self, #adder_args) -> Self { self.inner = self.inner.#field(#call_args); self }
                #doc
                pub fn #setter(mut self, input: #full_ty) -> Self { self.inner = self.inner.#setter(input); self }
                #doc
                pub fn #getter(&self) -> &Option<#value_ty> { self.inner.#getter() }
            }
        }
    }
}

fn adder(m: &Member, field: &Ident) -> (TokenStream, TokenStream) {
    let boxed = |v: TokenStream| if m.boxed { quote!(Box::new(#v)) } else { v };
    match &m.ty {
        TypeRef::List { member, sparse } => {
            let item = rust_type(member);
            let (arg, push) = if *sparse {
                (quote!(input: Option<#item>), quote!(input))
            } else {
                (quote!(input: impl Into<#item>), quote!(input.into()))
            };
            (arg, quote! { self.#field.get_or_insert_with(Vec::new).push(#push); })
        }
        TypeRef::Map { key, value, sparse } => {
            let (k, v) = (rust_type(key), rust_type(value));
            let (arg, val) = if *sparse {
                (quote!(key: impl Into<#k>, value: Option<#v>), quote!(value))
            } else {
                (quote!(key: impl Into<#k>, value: impl Into<#v>), quote!(value.into()))
            };
            (arg, quote! { self.#field.get_or_insert_with(Default::default).insert(key.into(), #val); })
        }
        ty => {
            let t = rust_type(ty);
            let v = boxed(quote!(input.into()));
            (quote!(input: impl Into<#t>), quote! { self.#field = Some(#v); })
        }
    }
}

fn delegate_args(m: &Member) -> TokenStream {
    match &m.ty {
        TypeRef::Map { .. } => quote!(key, value),
        _ => quote!(input),
    }
}
