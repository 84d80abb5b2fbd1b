//! The Learn pane's own state: which lesson is open, how far the learner
//! got in it (prediction, hints, the last check) and the lessons completed.
//! A pure reducer ([`LearnState::apply`]), like the app's; the hook
//! [`use_learn`] lives in the app (so a lesson survives switching tabs),
//! reads the progress once and writes it back on every change (an effect).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::persistence;
use funnel_engine::learn::{
    Challenge, LESSONS, Lesson, LessonLink, PROGRESS_KEY, challenge_link, lesson, lesson_link, parse_progress,
    progress_text,
};

/// How far the learner is in the open lesson.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Reading the introduction.
    #[default]
    Intro,
    /// Answering the prediction.
    Predict,
    /// Playing the challenge (its start scenario is loaded).
    Challenge,
}

/// What the address asked for when the app opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// A lesson that exists (its id).
    Lesson(&'static str),
    /// An id no lesson has.
    Unknown(String),
    /// A teacher's challenge (`?challenge=CODE`).
    Challenge(Rc<Challenge>),
    /// A challenge code that could not be read: why.
    BadChallenge(String),
    /// The glossary (`?glossary`), at one term (`?glossary=ID`) if given.
    Glossary(Option<String>),
}

/// Reads `?challenge=CODE`, `?lesson=ID` or `?glossary[=ID]` from the
/// address (once, when the app opens).
pub fn opened_from_address() -> Option<Opened> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    opened_from_query(&search)
}

/// What a query (`?challenge=…`, `?lesson=…`, `?glossary…`) asks the Learn pane to open.
pub fn opened_from_query(search: &str) -> Option<Opened> {
    if let Some(term) = crate::app::embed_params::query_value(search, "glossary") {
        let term = term.trim();
        return Some(Opened::Glossary((!term.is_empty()).then(|| term.to_string())));
    }
    if let Some(read) = challenge_link(search) {
        return Some(match read {
            Ok(c) => Opened::Challenge(Rc::new(c)),
            Err(e) => Opened::BadChallenge(e.to_string()),
        });
    }
    lesson_link(search).map(|link| match link {
        LessonLink::Known(l) => Opened::Lesson(l.id),
        LessonLink::Unknown(id) => Opened::Unknown(id.to_string()),
    })
}

/// The Learn pane's state.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnState {
    /// The open lesson's id.
    pub lesson: Option<&'static str>,
    /// A lesson link named no lesson: this id (shown until dismissed).
    pub unknown: Option<String>,
    /// How far the learner got in the open lesson.
    pub step: Step,
    /// The option the learner picked in the prediction.
    pub answer: Option<usize>,
    /// The prediction's answer is shown.
    pub revealed: bool,
    /// Hints shown so far.
    pub hints: usize,
    /// "Check my plan" was pressed for this app scenario generation.
    pub checked: Option<u64>,
    /// Ids of the lessons completed.
    pub done: Rc<BTreeSet<String>>,
    /// Why progress cannot be kept or read, if so.
    pub storage_problem: Option<String>,
    /// The teacher's challenge opened from the address (shown while no
    /// lesson is open).
    pub challenge: Option<Rc<Challenge>>,
    /// Why the challenge link could not be opened (shown until dismissed).
    pub challenge_problem: Option<String>,
}

/// Everything that changes the Learn pane's state.
#[derive(Clone, Debug, PartialEq)]
pub enum LearnAction {
    /// Open this lesson at its introduction.
    Open(&'static str),
    /// Move to a step of the open lesson.
    Go(Step),
    /// Pick an option of the prediction (before the reveal).
    Answer(usize),
    /// Show the prediction's answer (once an option is picked).
    Reveal,
    /// Show one more hint.
    Hint,
    /// "Check my plan" for this app scenario generation.
    Check(u64),
    /// The open lesson's goal is met: mark it completed.
    Complete(&'static str),
    /// Hide the unknown-lesson notice.
    DismissUnknown,
    /// Storage refused or could not be read (`None`: it works again).
    Storage(Option<String>),
    /// Start (or restart) the teacher's challenge: its start is loaded.
    StartChallenge,
    /// Back to the teacher's challenge from a lesson.
    OpenChallenge,
    /// Hide the damaged-challenge notice.
    DismissChallengeProblem,
}

impl LearnState {
    /// The state the app opens with.
    pub fn new(opened: Option<&Opened>, done: BTreeSet<String>, storage_problem: Option<String>) -> Self {
        let (lesson, unknown) = match opened {
            Some(Opened::Lesson(id)) => (Some(*id), None),
            Some(Opened::Unknown(id)) => (None, Some(id.clone())),
            _ => (None, None),
        };
        let challenge = match opened {
            Some(Opened::Challenge(c)) => Some(c.clone()),
            _ => None,
        };
        let challenge_problem = match opened {
            Some(Opened::BadChallenge(why)) => Some(why.clone()),
            _ => None,
        };
        LearnState {
            lesson,
            unknown,
            step: Step::Intro,
            answer: None,
            revealed: false,
            hints: 0,
            checked: None,
            done: Rc::new(done),
            storage_problem,
            challenge,
            challenge_problem,
        }
    }

    /// The open lesson.
    pub fn open_lesson(&self) -> Option<&'static Lesson> {
        self.lesson.and_then(lesson)
    }

    /// Whether the lesson with this id is completed.
    pub fn is_done(&self, id: &str) -> bool {
        self.done.contains(id)
    }

    /// Applies one action.
    pub fn apply(mut self, action: LearnAction) -> Self {
        match action {
            LearnAction::Open(id) => {
                if lesson(id).is_some() {
                    let challenge = self.challenge.take();
                    self =
                        LearnState { lesson: Some(id), unknown: None, ..LearnState::new(None, BTreeSet::new(), None) }
                            .with_progress(self.done, self.storage_problem);
                    self.challenge = challenge;
                }
            }
            LearnAction::Go(step) => {
                // The challenge comes after the prediction's answer.
                if step < Step::Challenge || self.revealed {
                    self.step = step;
                }
            }
            LearnAction::Answer(i) => {
                if !self.revealed {
                    self.answer = Some(i);
                }
            }
            LearnAction::Reveal => self.revealed = self.answer.is_some(),
            LearnAction::Hint => {
                let max = self.open_lesson().map_or(0, |l| l.hints.len());
                self.hints = (self.hints + 1).min(max);
            }
            LearnAction::Check(generation) => self.checked = Some(generation),
            LearnAction::Complete(id) => {
                if !self.done.contains(id) {
                    Rc::make_mut(&mut self.done).insert(id.to_string());
                }
            }
            LearnAction::DismissUnknown => self.unknown = None,
            LearnAction::Storage(problem) => self.storage_problem = problem,
            LearnAction::StartChallenge => {
                if self.challenge.is_some() {
                    self.lesson = None;
                    self.step = Step::Challenge;
                    self.checked = None;
                }
            }
            LearnAction::OpenChallenge => {
                if self.challenge.is_some() {
                    self.lesson = None;
                    self.step = Step::Intro;
                    self.checked = None;
                }
            }
            LearnAction::DismissChallengeProblem => self.challenge_problem = None,
        }
        self
    }

    fn with_progress(mut self, done: Rc<BTreeSet<String>>, storage_problem: Option<String>) -> Self {
        self.done = done;
        self.storage_problem = storage_problem;
        self
    }
}

impl Reducible for LearnState {
    type Action = LearnAction;

    fn reduce(self: Rc<Self>, action: LearnAction) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

/// Lessons completed, as stored; a problem reading them is described.
fn read_progress() -> (BTreeSet<String>, Option<String>) {
    match persistence::read(PROGRESS_KEY) {
        Ok(text) => match parse_progress(text.as_deref()) {
            Ok(done) => (done, None),
            Err(e) => (BTreeSet::new(), Some(format!("{e}: lessons completed from now on will replace it"))),
        },
        Err(e) => (BTreeSet::new(), Some(format!("lesson progress will not be kept: {e}"))),
    }
}

/// The Learn pane's state, opened with `opened` (the lesson link) and the
/// stored progress (when `persist`); completed lessons are written back to
/// storage whenever they change.
#[hook]
pub fn use_learn(opened: Option<Opened>, persist: bool) -> UseReducerHandle<LearnState> {
    let learn = use_reducer_eq(move || {
        let (done, problem) = if persist { read_progress() } else { (BTreeSet::new(), None) };
        LearnState::new(opened.as_ref(), done, problem)
    });
    {
        let dispatcher = learn.dispatcher();
        let stored = use_mut_ref(|| None::<Rc<BTreeSet<String>>>);
        use_effect_with(learn.done.clone(), move |done| {
            let first = stored.borrow().is_none();
            let changed = stored.borrow().as_ref().is_some_and(|s| s != done);
            *stored.borrow_mut() = Some(done.clone());
            // Nothing to write on opening: the progress was just read.
            if persist && !first && changed {
                match persistence::write(PROGRESS_KEY, &progress_text(done)) {
                    Ok(()) => dispatcher.dispatch(LearnAction::Storage(None)),
                    Err(e) => dispatcher
                        .dispatch(LearnAction::Storage(Some(format!("lesson progress could not be kept: {e}")))),
                }
            }
        });
    }
    learn
}

/// Every lesson with whether it is completed, in teaching order.
pub fn lessons_with_progress(state: &LearnState) -> impl Iterator<Item = (&'static Lesson, bool)> + '_ {
    LESSONS.iter().map(move |l| (l, state.is_done(l.id)))
}
