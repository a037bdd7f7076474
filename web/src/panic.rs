//! A panic must never leave a dead page: this hook logs it to the console and puts a banner on
//! the page, written with plain DOM calls so it works whatever state Yew was in.

use kafka_lab::i18n::{Lang, T};

/// Installs the hook through Yew, which would otherwise replace it with its own when the app
/// is rendered.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        show_banner(&info.to_string());
        console_error_panic_hook::hook(info);
    }));
}

/// Shows `message` in a banner on top of the page, in both languages.
pub fn show_banner(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id("panic-banner");
    banner.set_attribute("role", "alert").ok();
    let title = format!(
        "{} / {}",
        T::PanicTitle.get(Lang::En),
        T::PanicTitle.get(Lang::Zh)
    );
    let reload = format!("{} / {}", T::Reload.get(Lang::En), T::Reload.get(Lang::Zh));
    // Text goes in through text nodes, never as HTML.
    let strong = doc.create_element("strong").ok();
    let pre = doc.create_element("pre").ok();
    let button = doc.create_element("button").ok();
    if let (Some(s), Some(p), Some(b)) = (strong, pre, button) {
        s.set_text_content(Some(&title));
        p.set_text_content(Some(message));
        b.set_text_content(Some(&reload));
        b.set_attribute("onclick", "location.reload()").ok();
        banner.append_child(&s).ok();
        banner.append_child(&p).ok();
        banner.append_child(&b).ok();
    }
    if body.prepend_with_node_1(&banner).is_err() {
        web_sys::console::error_1(&"Kafka Lab: could not show the panic banner".into());
    }
}
