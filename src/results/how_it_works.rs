//! "How the simulation works": the model and the verdicts in plain
//! language for strategists, opened from the results as a dialog (Escape
//! or Close returns to them). What it says must stay true to MODEL.md; the
//! words are the product's own (persona, channel, containment, hold,
//! escalation, journey, design, staffing).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

const DIALOG_ID: &str = "how-it-works";

/// The button that opens the dialog, and the dialog.
#[component]
pub fn HowItWorks() -> impl IntoView {
    let open = move |_| {
        if let Some(dialog) = document().get_element_by_id(DIALOG_ID).and_then(|el| el.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = document().get_element_by_id(DIALOG_ID).and_then(|el| el.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
            dialog.close();
        }
    };
    view! {
        <button type="button" class="secondary" on:click=open aria-haspopup="dialog" title="How the simulation works, and what the verdicts mean">
            "How it works"
        </button>
        <dialog id=DIALOG_ID class="how-it-works" aria-labelledby="how-it-works-heading">
            <div class="how-it-works-head">
                <h2 id="how-it-works-heading">"How the simulation works"</h2>
                <button type="button" class="secondary" on:click=close>"Close"</button>
            </div>
            <Guide />
        </dialog>
    }
}

#[component]
fn Guide() -> impl IntoView {
    view! {
        <section aria-labelledby="hiw-journey">
            <h3 id="hiw-journey">"One customer\u{2019}s journey"</h3>
            <p>
                "The simulation follows customers one at a time, as they try to get one problem solved. "
                "Each customer belongs to a "<strong>"persona"</strong>" (a kind of customer, with its share of all customers, "
                "its favourite channels, its patience and its habits when something fails)."
            </p>
            <JourneyDiagram />
            <ol class="hiw-steps">
                <li>"The customer picks a "<strong>"channel"</strong>" by the persona\u{2019}s mix: phone, chat, email, help centre and so on."</li>
                <li>
                    "If the channel has "<strong>"self-service"</strong>" in front (an IVR, a bot, a help page), it solves the problem for a share of "
                    "customers: its "<strong>"containment"</strong>". Some give up there; the rest go on to an agent, if the channel has agents."
                </li>
                <li>
                    "The customer "<strong>"waits"</strong>" for an agent. A customer whose patience runs out hangs up. "
                    "The agent then handles the contact and resolves it, or "<strong>"escalates"</strong>" it to tier 2, or leaves it unresolved."
                </li>
                <li>
                    "A customer who is not helped may "<strong>"try again"</strong>" later, on the same channel or another, and may have to explain "
                    "everything again unless context carries over. The journey ends when the problem is solved, when the customer gives up, "
                    "or after the persona\u{2019}s most contacts."
                </li>
                <li>
                    "Along the way the customer\u{2019}s "<strong>"satisfaction"</strong>" falls with every extra contact, minute on hold, "
                    "escalation, channel switch and repeated explanation; costs add up per contact, per minute and per agent hour."
                </li>
            </ol>
        </section>
        <section aria-labelledby="hiw-two">
            <h3 id="hiw-two">"Two ways a study runs"</h3>
            <dl class="hiw-terms">
                <dt>"Independent journeys"</dt>
                <dd>
                    "Without a volume, every customer\u{2019}s wait is drawn from the hold time you give: queues do not get longer when more "
                    "customers call. Quick, and right when agents are not the bottleneck."
                </dd>
                <dt>"A simulated centre"</dt>
                <dd>
                    "With a volume (customers a day, by hour and weekday) and staffing (agents on duty by hour), customers arrive over simulated "
                    "days and queue for the agents on duty. Waits, abandonment and the retries they cause then follow from the load: a design "
                    "that takes calls off the phones shortens everyone\u{2019}s wait. Each run of the days is a "<strong>"replication"</strong>"."
                </dd>
            </dl>
        </section>
        <section aria-labelledby="hiw-numbers">
            <h3 id="hiw-numbers">"Where the numbers come from"</h3>
            <p>
                "Each figure is an average over many simulated customers, so it carries a "<strong>"95% interval"</strong>": the range the true "
                "value lies in, given the study\u{2019}s assumptions, 19 times out of 20. More journeys or replications make it narrower."
            </p>
            <p>
                "Every design meets "<strong>"the same customers"</strong>" at the same moments with the same luck; only the design differs. "
                "So a change between two designs is measured far more precisely than either design alone, and the same study with the same "
                "seed gives exactly the same numbers on any computer, which is why a shared link shows what you saw."
            </p>
        </section>
        <section aria-labelledby="hiw-verdicts">
            <h3 id="hiw-verdicts">"What the verdicts mean"</h3>
            <dl class="hiw-terms hiw-verdicts">
                <dt><span class="verdict tone-good">"\u{2713} better"</span></dt>
                <dd>"The whole 95% interval of the change is on the good side: the design really does better on this figure."</dd>
                <dt><span class="verdict tone-bad">"\u{2717} worse"</span></dt>
                <dd>"The whole interval is on the bad side."</dd>
                <dt><span class="verdict tone-neutral">"= no detectable difference"</span></dt>
                <dd>"The interval includes no change at all: the simulation cannot tell the designs apart on this figure."</dd>
                <dt><span class="verdict tone-negligible">"\u{2248} negligible"</span></dt>
                <dd>
                    "The whole interval lies within the smallest change that matters: whatever the change is, it is too small to act on. "
                    "By default half a percentage point for a rate and 1% of the baseline\u{2019}s value for any other figure; "
                    "the study can set its own (Study, \u{201c}Smallest change that matters\u{201d})."
                </dd>
                <dt><span class="verdict tone-changed">"\u{2260} changed"</span></dt>
                <dd>"A real change in a figure that is neither good nor bad in itself, such as agents\u{2019} occupancy."</dd>
            </dl>
            <p>
                "\u{201c}Better\u{201d} says the change is real and at least close to mattering; read its size beside it. Every result is only as true as "
                "the study\u{2019}s inputs; the help under each field (Show help, above the editor) gives their typical ranges."
            </p>
        </section>
    }
}

/// The journey as a flow diagram: channel, self-service, queue, agent,
/// and the ways out. Drawn as SVG with text, described in words above.
#[component]
fn JourneyDiagram() -> impl IntoView {
    // (x, y, width, label, class)
    let boxes: [(i32, i32, i32, &str, &str); 8] = [
        (2, 60, 136, "Customer (persona)", "hiw-node"),
        (160, 60, 90, "Channel", "hiw-node"),
        (270, 60, 110, "Self-service", "hiw-node"),
        (410, 60, 100, "Wait for agent", "hiw-node"),
        (540, 60, 90, "Agent", "hiw-node"),
        (660, 10, 100, "Resolved", "hiw-good"),
        (660, 110, 100, "Not helped", "hiw-bad"),
        (540, 150, 90, "Tier 2", "hiw-node"),
    ];
    let arrows: [(i32, i32, i32, i32); 8] = [
        (138, 80, 160, 80),
        (250, 80, 270, 80),
        (380, 80, 410, 80),
        (510, 80, 540, 80),
        (630, 72, 660, 35),
        (630, 88, 660, 128),
        (585, 100, 585, 150),
        (630, 170, 710, 150),
    ];
    view! {
        <figure class="hiw-diagram">
            <svg viewBox="0 0 770 236" role="img" aria-labelledby="hiw-diagram-caption">
                <defs>
                    <marker id="hiw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="hiw-arrowhead" />
                    </marker>
                </defs>
                {arrows
                    .into_iter()
                    .map(|(x1, y1, x2, y2)| view! { <line x1=x1 y1=y1 x2=x2 y2=y2 class="hiw-edge" marker-end="url(#hiw-arrow)" /> })
                    .collect_view()}
                // Contained by self-service: straight to resolved.
                <path d="M325,60 C325,20 600,20 660,25" class="hiw-edge" fill="none" marker-end="url(#hiw-arrow)" />
                // Not helped, tries again: back to a channel.
                <path d="M710,150 C710,215 205,215 205,100" class="hiw-edge hiw-retry" fill="none" marker-end="url(#hiw-arrow)" />
                <text x="430" y="226" text-anchor="middle" class="hiw-label">"tries again (same or another channel), or gives up"</text>
                <text x="430" y="22" class="hiw-label">"contained"</text>
                {boxes
                    .into_iter()
                    .map(|(x, y, w, label, class)| {
                        view! {
                            <g class=class>
                                <rect x=x y=y width=w height="40" rx="6" />
                                <text x=x + w / 2 y=y + 25 text-anchor="middle">{label}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption id="hiw-diagram-caption">
                "A journey: the customer picks a channel; self-service may contain them; otherwise they wait for an agent, who resolves, "
                "escalates to tier 2 or does not help; a customer not helped tries again or gives up."
            </figcaption>
        </figure>
    }
}
