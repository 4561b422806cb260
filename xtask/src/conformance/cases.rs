//! One Rust test per case: build the input through the generated client and
//! compare the request it sends, or answer with the case's response and
//! compare what the client returns, member by member.

use super::suites::{Case, Response, Serialized};
use super::values::{Values, find};
use codegen::ir::{Member, Operation, StructRole};
use codegen::naming;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

/// The endpoint clients are configured with unless the group names one.
pub const DEFAULT_ENDPOINT: &str = "https://example.com";

/// The test function for a case. A case the generator cannot express still
/// becomes a test, one that fails with the reason, so it is counted.
pub fn test_fn(values: &Values, case: &Case, fn_name: &Ident, endpoint: &str) -> TokenStream {
    let body = body(values, case, endpoint).unwrap_or_else(|reason| {
        let reason = format!("case `{}` cannot be built: {reason}", case.id);
        quote!(panic!(#reason);)
    });
    let doc = case.description.as_deref().map(|d| {
        let d = format!(" {}", d.trim());
        quote!(#[doc = #d])
    });
    quote! {
        #doc
        #[test]
        fn #fn_name() {
            #body
        }
    }
}

fn body(values: &Values, case: &Case, endpoint: &str) -> Result<TokenStream, String> {
    let name = case.operation_name()?;
    let op = values
        .service
        .operations
        .iter()
        .find(|o| o.wire_name == name)
        .ok_or_else(|| format!("operation `{name}` was not generated"))?;
    // `suites::load` has checked that these parts do not contradict each other.
    match (&case.serialized, &case.response) {
        (Some(expected), _) => input_case(values, op, case, expected, endpoint),
        (None, Some(response)) if case.error_code.is_some() => error_case(values, op, case, response),
        (None, Some(response)) => output_case(values, op, case, response),
        (None, None) => Err("the case has neither `serialized` nor `response`".to_owned()),
    }
}

fn call(op: &Operation, setters: &[TokenStream]) -> TokenStream {
    let method = naming::ident(&op.fn_name);
    quote!(block_on(client.#method() #(#setters)* .send()))
}

fn input_case(
    values: &Values,
    op: &Operation,
    case: &Case,
    expected: &Serialized,
    endpoint: &str,
) -> Result<TokenStream, String> {
    let input = values.service.structure(&op.input);
    let params = case.params.clone().unwrap_or_default();
    let call = call(op, &values.setters(&input.members, &params)?);
    let Serialized { method, uri, headers, require_headers, forbid_headers, body, host } = expected;
    let headers = headers.iter().map(|(k, v)| quote!((#k, #v)));
    let host = option_str(host.as_deref());
    let body = option_str(body.as_deref());
    Ok(quote! {
        let transport = std::sync::Arc::new(Capture::answering(response(200, &[], "{}")));
        let client = client(#endpoint, transport.clone());
        // The answer does not matter here, only the request.
        let _ = #call;
        let request = transport.only_request();
        check_request(&request, &ExpectedRequest {
            method: #method,
            uri: #uri,
            host: #host,
            headers: &[#(#headers),*],
            require_headers: &[#(#require_headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            body: #body,
        });
    })
}

fn answer(response: &Response) -> TokenStream {
    let status = response.status_code;
    let headers = response.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let body = response.body.as_deref().unwrap_or("");
    quote! {
        let transport = std::sync::Arc::new(Capture::answering(response(#status, &[#(#headers),*], #body)));
        let client = client(#DEFAULT_ENDPOINT, transport.clone());
    }
}

fn output_case(values: &Values, op: &Operation, case: &Case, response: &Response) -> Result<TokenStream, String> {
    let output = values.service.structure(&op.output);
    let checks = member_checks(values, &output.members, case.result.as_ref(), &quote!(output))?;
    let answer = answer(response);
    let call = call(op, &[]);
    Ok(quote! {
        #answer
        let output = match #call {
            Ok(output) => output,
            Err(e) => panic!("the response should parse, got {e:?}"),
        };
        let _ = &output;
        #(#checks)*
    })
}

fn error_case(values: &Values, op: &Operation, case: &Case, response: &Response) -> Result<TokenStream, String> {
    let code = case.error_code.as_deref().unwrap_or_default();
    let variant_name = op
        .errors
        .iter()
        .find(|e| {
            matches!(&values.service.shape(e).kind, codegen::ir::ShapeKind::Struct(s)
            if matches!(&s.role, StructRole::Error(info)
                if info.code == code || info.query_code.as_deref() == Some(code)))
        })
        .ok_or_else(|| format!("`{code}` is not a modeled error of `{}`", op.wire_name))?;
    let exception = values.service.structure(variant_name);
    let checks = member_checks(values, &exception.members, case.error.as_ref(), &quote!(e))?;
    let message =
        case.error_message.as_deref().map(|m| quote!(assert_eq!(error.message(), Some(#m), "error message");));
    let k = &values.krate;
    let enum_name = naming::ident(&op.error);
    let variant = naming::ident(variant_name);
    let answer = answer(response);
    let call = call(op, &[]);
    Ok(quote! {
        #answer
        let error = match #call {
            Err(#k::error::SdkError::Service(error)) => error,
            other => panic!("expected the service error `{}`, got {other:?}", #code),
        };
        assert_eq!(error.code(), Some(#code), "error code");
        #message
        match error {
            #k::error::#enum_name::#variant(e) => {
                let _ = &e;
                #(#checks)*
            }
            other => panic!("expected variant `{}`, got {other:?}", stringify!(#variant)),
        }
    })
}

/// One comparison per member of the parsed structure `binding`: members the
/// case leaves out must be absent. A key the structure lacks is an error.
fn member_checks(
    values: &Values,
    members: &[Member],
    expected: Option<&Map<String, Value>>,
    binding: &TokenStream,
) -> Result<Vec<TokenStream>, String> {
    let empty = Map::new();
    let expected = expected.unwrap_or(&empty);
    for key in expected.keys() {
        find(members, key)?;
    }
    members
        .iter()
        .map(|m| {
            let field = naming::ident(&m.rust_name);
            let value = values.field(m, expected.get(&m.wire_name))?;
            let what = &m.wire_name;
            Ok(quote!(assert_same(#what, &#binding.#field, &#value);))
        })
        .collect()
}

fn option_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}
