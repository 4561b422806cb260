//! `getAttr` on every kind of value, and the calls the runtime answers
//! (`isValidHostLabel`, `aws.parseArn`, `parseURL`, `uriEncode`,
//! `aws.isVirtualHostableS3Bucket`), type-checked.

use super::{Base, Ty, Typed, need};
use crate::ir::endpoints::{Expr, Field, FieldKind, Function, PartitionAttr};

/// A value that is surely set, of any type.
pub(super) fn need_set(arg: Typed, function: &str) -> Result<Typed, String> {
    let base = arg.ty.base;
    Ok(Typed { expr: need(arg, base, function)?, ty: Ty { base, optional: false } })
}

/// A call of a runtime function, its arguments type-checked.
pub(super) fn runtime_call(function: Function, args: Vec<Typed>) -> Result<Typed, String> {
    let (params, result): (&[Base], Ty) = match function {
        Function::IsValidHostLabel | Function::IsVirtualHostableS3Bucket => {
            (&[Base::String, Base::Bool], Ty { base: Base::Bool, optional: false })
        }
        Function::ParseArn => (&[Base::String], Ty { base: Base::Arn, optional: true }),
        Function::ParseUrl => (&[Base::String], Ty { base: Base::Url, optional: true }),
        Function::UriEncode => (&[Base::String], Ty { base: Base::String, optional: false }),
    };
    let name = Function::ALL.iter().find(|f| f.1 == function).map_or("?", |f| f.0);
    if args.len() != params.len() {
        return Err(format!("`{name}` takes {} argument(s), got {}", params.len(), args.len()));
    }
    let args = args.into_iter().zip(params).map(|(a, base)| need(a, *base, name)).collect::<Result<_, _>>()?;
    Ok(Typed { expr: Expr::Call(function, args), ty: result })
}

/// `getAttr(value, path)` (and `{value#path}` in templates): a partition's
/// attribute, a parsed ARN's or URL's field, or an array element (`[N]`,
/// also after a field: `resourceId[N]`), which may be absent.
pub(super) fn get_attr(value: Typed, path: &str) -> Result<Typed, String> {
    let (name, index) = match path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
        Some((name, index)) => {
            let index = index.parse::<usize>().map_err(|_| format!("`{path}`: `[{index}]` is not an index"))?;
            (name, Some(index))
        }
        None => (path, None),
    };
    let string = Ty { base: Base::String, optional: false };
    let bool_ty = Ty { base: Base::Bool, optional: false };
    let array = Ty { base: Base::StringArray, optional: false };
    let field = |fields: &[(&str, &'static str, FieldKind)], what: &str| {
        let (_, rust, kind) = fields.iter().find(|f| f.0 == name).ok_or_else(|| {
            let known: Vec<&str> = fields.iter().map(|f| f.0).collect();
            format!("a {what} has no attribute `{name}` (it has {})", known.join(", "))
        })?;
        let ty = match kind {
            FieldKind::String => string,
            FieldKind::Bool => bool_ty,
            FieldKind::StringArray => array,
        };
        Ok::<_, String>(Typed {
            expr: Expr::Field(Box::new(value.expr.clone()), Field { name: rust, kind: *kind }),
            ty,
        })
    };
    let found = match value.ty.base {
        Base::Partition => {
            let (ty, attr) = attr(name)?;
            Typed { expr: Expr::Attr(Box::new(value.expr), attr), ty }
        }
        Base::Arn => field(
            &[
                ("partition", "partition", FieldKind::String),
                ("service", "service", FieldKind::String),
                ("region", "region", FieldKind::String),
                ("accountId", "account_id", FieldKind::String),
                ("resourceId", "resource_id", FieldKind::StringArray),
            ],
            "parsed ARN",
        )?,
        Base::Url => field(
            &[
                ("scheme", "scheme", FieldKind::String),
                ("authority", "authority", FieldKind::String),
                ("path", "path", FieldKind::String),
                ("normalizedPath", "normalized_path", FieldKind::String),
                ("isIp", "is_ip", FieldKind::Bool),
            ],
            "parsed URL",
        )?,
        Base::StringArray if name.is_empty() => value,
        other => return Err(format!("`getAttr` cannot read `{path}` from a {}", other.name())),
    };
    match index {
        None => Ok(found),
        Some(_) if found.ty.base != Base::StringArray => Err(format!("`{path}`: `{name}` is not an array")),
        Some(i) => {
            Ok(Typed { expr: Expr::Index(Box::new(found.expr), i), ty: Ty { base: Base::String, optional: true } })
        }
    }
}

/// The type and attribute `getAttr` reads from a partition.
pub(super) fn attr(path: &str) -> Result<(Ty, PartitionAttr), String> {
    let (_, attr, _, is_bool) = PartitionAttr::ALL.iter().find(|a| a.0 == path).ok_or_else(|| {
        let known: Vec<&str> = PartitionAttr::ALL.iter().map(|a| a.0).collect();
        format!("a partition has no attribute `{path}` (it has {})", known.join(", "))
    })?;
    Ok((Ty { base: if *is_bool { Base::Bool } else { Base::String }, optional: false }, *attr))
}
