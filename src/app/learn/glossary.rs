//! The glossary: every term of [`funnel_engine::learn::TERMS`] (term,
//! definition, formula, team) under an anchor `term-<id>`; [`Term`], a
//! small button that opens one term's definition inline (a disclosure:
//! `aria-expanded`, Enter or Space opens, Escape closes); and [`TeamTag`],
//! the label saying which team decides or is judged by something.

use std::cell::Cell;

use yew::prelude::*;

use funnel_engine::learn::{TERMS, Team, term};

thread_local! {
    /// Numbers each [`Term`] so its popover's id is unique on the page.
    static NEXT_TERM: Cell<u32> = const { Cell::new(0) };
}

fn next_term_number() -> u32 {
    NEXT_TERM.with(|n| {
        let v = n.get();
        n.set(v.wrapping_add(1));
        v
    })
}

/// Props of [`Term`].
#[derive(Properties, PartialEq)]
pub struct TermProps {
    /// The glossary id (`cac`).
    pub id: AttrValue,
    /// The button's text (default: the term itself).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Show only a small ⓘ (with the term as its accessible name).
    #[prop_or_default]
    pub icon: bool,
}

/// A term that opens its definition inline. An unknown id shows the label
/// as plain text.
#[component]
pub fn Term(props: &TermProps) -> Html {
    let open = use_state_eq(|| false);
    let number = use_state(next_term_number);
    let button = use_node_ref();
    let Some(t) = term(&props.id) else {
        return html! { <>{ props.label.clone().unwrap_or_default() }</> };
    };
    let pop_id = format!("term-pop-{}", *number);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_key = {
        let open = open.clone();
        let button = button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let expanded = if *open { "true" } else { "false" };
    let text = props.label.clone().unwrap_or_else(|| AttrValue::from(t.term));
    html! {
        <span class="term-wrap" onkeydown={on_key}>
            if props.icon {
                <button type="button" class="term term-icon" ref={button} aria-expanded={expanded}
                    aria-controls={pop_id.clone()} aria-label={format!("What is “{}”?", t.term)} title={t.term}
                    onclick={toggle}>{ "i" }</button>
            } else {
                <button type="button" class="term" ref={button} aria-expanded={expanded}
                    aria-controls={pop_id.clone()} onclick={toggle}>{ text }</button>
            }
            <span class="term-pop" id={pop_id} role="note" hidden={!*open} data-term={t.id}>
                <strong class="term-name">{ t.term }</strong>{ ": " }{ t.definition }
                <span class="term-formula"><span class="visually-hidden">{ "Formula: " }</span><code>{ t.formula }</code></span>
                <TeamTag team={t.team} />
            </span>
        </span>
    }
}

/// Props of [`TeamTag`].
#[derive(Properties, PartialEq)]
pub struct TeamTagProps {
    /// The team.
    pub team: Team,
    /// What the team does with the thing tagged (read by screen readers
    /// before the team's name).
    #[prop_or(AttrValue::Static("Decided by "))]
    pub role: AttrValue,
}

/// A small label with the team's colour.
#[component]
pub fn TeamTag(props: &TeamTagProps) -> Html {
    let team = props.team;
    html! {
        <span class={classes!("team-tag", format!("team-{}", team.id()))} title={team.description()}>
            <span class="visually-hidden">{ props.role.clone() }</span>{ team.label() }
        </span>
    }
}

/// Every term of the glossary, in funnel order.
#[component]
pub fn Glossary() -> Html {
    html! {
        <section class="glossary" id="glossary" aria-labelledby="glossary-title">
            <h2 id="glossary-title" tabindex="-1">{ "Glossary" }</h2>
            <p class="note">
                { format!("{} terms, each with the formula this model uses and the team it belongs to. ", TERMS.len()) }
                <a id="glossary-link" href="?glossary">{ "Link to the glossary" }</a>
            </p>
            <dl class="glossary-list">
                { for TERMS.iter().map(|t| html! {
                    <div class="glossary-entry" id={format!("term-{}", t.id)} key={t.id} tabindex="-1">
                        <dt>{ t.term }{ " " }<a class="term-link" href={format!("?glossary={}", t.id)} aria-label={format!("Link to “{}”", t.term)}>{ "#" }</a></dt>
                        <dd>
                            <p>{ t.definition }</p>
                            <p class="term-formula">{ "Formula: " }<code>{ t.formula }</code></p>
                            <p><TeamTag team={t.team} role="Team: " /></p>
                        </dd>
                    </div>
                }) }
            </dl>
        </section>
    }
}

/// Brings the glossary (or the term `?glossary=ID` names) into view and
/// gives it the focus, once, after the app opened on it. An unknown term
/// shows the glossary's top.
#[hook]
pub fn use_glossary_link(term: Option<Option<String>>) {
    use_effect_with((), move |_| {
        let timer = term.map(|term| {
            crate::app::browser::Timeout::new(0, move || {
                let document = web_sys::window().and_then(|w| w.document());
                let target = term
                    .and_then(|t| document.as_ref().and_then(|d| d.get_element_by_id(&format!("term-{t}"))))
                    .or_else(|| document.as_ref().and_then(|d| d.get_element_by_id("glossary-title")));
                if let Some(el) = target {
                    el.scroll_into_view();
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            })
        });
        move || drop(timer)
    });
}
