//! The partition data of `src/endpoint.rs`: botocore's `partitions.json` as
//! a static table of `runtime::partition::Partition`s with their compiled
//! region patterns, and the `partition_of` function the rules call.
//! Emitted only when the rules call `aws.partition`.

use crate::ir::endpoints::{Partition, Regex, RegexNode};
use proc_macro2::TokenStream;
use quote::quote;

/// The imports and the items.
pub(crate) fn emit(partitions: &[Partition]) -> (TokenStream, TokenStream) {
    if partitions.is_empty() {
        return (TokenStream::new(), TokenStream::new());
    }
    let node_import = partitions.iter().any(|p| !p.region_regex.nodes.is_empty()).then(|| quote!(Node,));
    let partitions = partitions.iter().map(partition);
    let imports =
        quote!(use crate::runtime::__private::partition::{#node_import Partition, RegionRegex, partition_for};);
    let items = quote! {
        /// The rules' `aws.partition`: the partition listing the region, else
        /// the first whose pattern matches it, else the first partition.
        fn partition_of(region: &str) -> &'static Partition {
            partition_for(region, PARTITIONS, &PARTITIONS[0])
        }

        /// botocore's `partitions.json`, in file order.
        static PARTITIONS: &[Partition] = &[#(#partitions),*];
    };
    (imports, items)
}

fn partition(p: &Partition) -> TokenStream {
    let Partition {
        name,
        dns_suffix,
        dual_stack_dns_suffix,
        supports_fips,
        supports_dual_stack,
        implicit_global_region,
        regions,
        region_regex,
    } = p;
    let region_regex = regex(region_regex);
    quote! {
        Partition {
            name: #name,
            dns_suffix: #dns_suffix,
            dual_stack_dns_suffix: #dual_stack_dns_suffix,
            supports_fips: #supports_fips,
            supports_dual_stack: #supports_dual_stack,
            implicit_global_region: #implicit_global_region,
            regions: &[#(#regions),*],
            region_regex: #region_regex,
        }
    }
}

fn regex(r: &Regex) -> TokenStream {
    let (source, nodes, to_end) = (&r.source, nodes(&r.nodes), r.to_end);
    quote!(RegionRegex { source: #source, nodes: #nodes, to_end: #to_end })
}

fn nodes(nodes: &[RegexNode]) -> TokenStream {
    let nodes = nodes.iter().map(node);
    quote!(&[#(#nodes),*])
}

fn node(n: &RegexNode) -> TokenStream {
    match n {
        RegexNode::Literal(s) => quote!(Node::Literal(#s)),
        RegexNode::Digit => quote!(Node::Digit),
        RegexNode::Word => quote!(Node::Word),
        RegexNode::Any => quote!(Node::Any),
        RegexNode::Group(alternatives) => {
            let alternatives = alternatives.iter().map(|a| nodes(a));
            quote!(Node::Group(&[#(#alternatives),*]))
        }
        RegexNode::Repeat { node: inner, min, max } => {
            let inner = node(inner);
            let max = match max {
                Some(m) => quote!(Some(#m)),
                None => quote!(None),
            };
            quote!(Node::Repeat { node: &#inner, min: #min, max: #max })
        }
    }
}
