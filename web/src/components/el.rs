//! Builders for the element kinds the views repeat (a table cell, a header row, a labelled
//! value). Each `html!` element expands, where it is written, into the whole element written
//! field by field (about 150–250 bytes of wasm); built through these functions that code
//! exists once, and a call site costs a few arguments (bundle5). They build exactly what the
//! `html!` they replace builds: the same tag, attributes and children.

use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes, Listeners, VTag};
use yew::{Html, NodeRef};

/// `<tag class="class">{ child }</tag>`: `html! { <td class="num">{ x }</td> }` is
/// `el("td", "num", x)`. The child is converted as `html!` converts a block (text for what
/// implements `Display`, an `Html` as it is).
#[inline]
pub fn el(tag: &'static str, class: &'static str, child: impl Into<Html>) -> Html {
    node(tag, class, child.into())
}

/// [`el`] with the child converted: the one place the element is built.
#[inline(never)]
pub fn node(tag: &'static str, class: &'static str, child: Html) -> Html {
    let attributes = if class.is_empty() {
        Attributes::Static(&[])
    } else {
        Attributes::Dynamic {
            keys: &["class"],
            values: Box::new([Some(AttributeOrProperty::Attribute(AttrValue::Static(
                class,
            )))]),
        }
    };
    VTag::__new_other(
        AttrValue::Static(tag),
        NodeRef::default(),
        None,
        attributes,
        Listeners::None,
        child,
    )
    .into()
}

/// `<tag class="class">text</tag>`.
#[inline(never)]
pub fn text(tag: &'static str, class: &'static str, text: &str) -> Html {
    node(tag, class, owned(text))
}

/// A text node (nothing for an empty text, as `html!` writes `<th></th>`).
#[inline(never)]
pub fn owned(text: &str) -> Html {
    if text.is_empty() {
        Html::default()
    } else {
        Html::from(text)
    }
}

/// One `<tag>` per text, in order (a table's header cells).
#[inline(never)]
pub fn cells(tag: &'static str, texts: &[&str]) -> Html {
    texts.iter().map(|t| text(tag, "", t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::html;
    use yew::virtual_dom::VNode;

    /// What the DOM gets from a node: tag, attributes in order, children (text or elements).
    fn shape(n: &Html) -> String {
        match n {
            VNode::VTag(t) => {
                let attrs: Vec<String> = t
                    .attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v:?}"))
                    .collect();
                let kids = t.children().map(shape).unwrap_or_default();
                format!("<{} {}>{kids}</>", t.tag(), attrs.join(" "))
            }
            VNode::VText(t) => format!("{:?}", t.text.as_str()),
            VNode::VList(l) => l.iter().map(shape).collect::<Vec<_>>().join(","),
            _ => "?".into(),
        }
    }

    #[test]
    fn el_builds_what_html_builds() {
        let n = 7u64;
        let s = String::from("orders-0");
        let cases: Vec<(Html, Html)> = vec![
            (el("td", "", &s), html! { <td>{ &s }</td> }),
            (el("td", "num", n), html! { <td class="num">{ n }</td> }),
            (
                el("p", "hint wide", "text"),
                html! { <p class="hint wide">{ "text" }</p> },
            ),
            (
                el("li", "", html! { <b>{ "x" }</b> }),
                html! { <li><b>{ "x" }</b></li> },
            ),
            (text("th", "", "LAG"), html! { <th>{ "LAG" }</th> }),
            (
                cells("th", &["a", "b"]),
                html! { <><th>{ "a" }</th><th>{ "b" }</th></> },
            ),
        ];
        for (ours, theirs) in &cases {
            assert_eq!(shape(ours), shape(theirs));
        }
        // The shape tells elements apart.
        assert_ne!(shape(&el("td", "num", n)), shape(&html! { <td>{ n }</td> }));
    }
}
