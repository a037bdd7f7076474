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
            values: Box::new([Some(AttributeOrProperty::Static(class))]),
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
