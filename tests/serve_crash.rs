//! `kill -9` in the middle of a run of saves loses no acknowledged answer: several
//! participants save pages as fast as they can, the server is killed with SIGKILL, and after
//! a restart every session is served again with, for each, the last answer the server
//! acknowledged (or the one whose save was in flight when it died, never anything older).

#![cfg(unix)]

#[path = "support/serve.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dxready::answers::Completeness;
use dxready::setup::{Setup, Sources};
use support::*;

#[test]
fn sigkill_during_saves_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let m = mini();
    let global = ["-q", m.to_str().unwrap()];
    let mut s = Server::start(&dir.path().join("ws"), &global, &[]);
    let q = Arc::new(
        Setup::load(&Sources {
            questionnaire: Some(m.clone()),
            programs: None,
        })
        .unwrap()
        .questionnaire,
    );
    let sessions: Vec<String> = (0..6).map(|_| start_session(&s, "vi")).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = sessions
        .iter()
        .enumerate()
        .map(|(k, session)| {
            let url = s.url(&format!("{session}p/0"));
            let page = get(&url).text();
            let q = q.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                // (last acknowledged, in flight when the server went away)
                let mut acked: Option<String> = None;
                // Bounded: the server is killed long before.
                for i in 0..200_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let name = format!("Participant {k} save {i}");
                    let fields = fill_page(&q, &page, &name, &[]);
                    let mut req = agent().post(&url);
                    req = req.header("Connection", "close");
                    match req.send_form(fields.iter().map(|(a, b)| (a.as_str(), b.as_str()))) {
                        Ok(r) if r.status().as_u16() == 303 => acked = Some(name),
                        Ok(r) => panic!("save refused: {}", r.status()),
                        Err(_) => return (acked, Some(name)),
                    }
                }
                (acked, None)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    s.child.kill().expect("SIGKILL the server");
    s.child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let outcomes: Vec<(Option<String>, Option<String>)> =
        workers.into_iter().map(|w| w.join().unwrap()).collect();
    let saves: usize = outcomes
        .iter()
        .map(|(a, _)| {
            a.as_deref()
                .and_then(|n| n.rsplit(' ').next())
                .and_then(|i| i.parse::<usize>().ok())
                .map_or(0, |i| i + 1)
        })
        .sum();
    assert!(
        saves >= 12,
        "the participants saved a few pages each before the kill ({saves})"
    );
    drop(s);

    // Every file on disk is whole, and the restarted server serves every session.
    let s = Server::start(&dir.path().join("ws"), &global, &[]);
    assert!(!s.stderr_text().contains("warning"), "{}", s.stderr_text());
    for (session, (acked, in_flight)) in sessions.iter().zip(&outcomes) {
        let id = session_id(session);
        let text =
            std::fs::read_to_string(s.ws.join(format!("answers/{id}.answers.yaml"))).unwrap();
        dxready::answers::Answers::from_str(&q, "x", &text, Completeness::Partial)
            .expect("a whole answers file");
        assert_eq!(get(&s.url(session)).status, 200, "{session} resumes");
        let page = get(&s.url(&format!("{session}p/0"))).text();
        let saved = input_value(&page, "enterprise_name").unwrap_or_default();
        let acked = acked.clone().expect("at least one save acknowledged");
        assert!(
            saved == acked || Some(&saved) == in_flight.as_ref(),
            "{session}: saved «{saved}», acknowledged «{acked}», in flight {in_flight:?}"
        );
    }
    let leftovers: Vec<_> = s
        .answers_files()
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temp files of interrupted writes removed: {leftovers:?}"
    );
}
