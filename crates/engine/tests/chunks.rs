//! Same seed, same numbers, whatever the parallelism: threads, the sliced
//! job and chunks merged out of order (as Web Workers deliver them) all
//! give bit-identical summaries; chunks survive their byte encoding.

use funnel_engine::chunks::{CHUNK_RUNS, ChunkError, ChunkRunner, McChunk, McPlan, SampleRows, Scratch, run_parallel};
use funnel_engine::metrics::Metric;
use funnel_engine::presets;
use funnel_engine::simulate::{self, MonteCarlo};
use funnel_engine::{Kpi, Scenario};

/// The 8-channel preset, short and with an awkward run count (not a
/// multiple of the chunk size).
fn scenario() -> Scenario {
    let mut s = presets::eight_channel_benchmark();
    s.weeks = 20;
    s.simulation.runs = 3 * CHUNK_RUNS as u32 + 7;
    s
}

#[test]
fn any_thread_count_gives_the_same_result() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::All);
    let one = run_parallel(&plan, 1);
    for threads in [2, 3, 16] {
        assert!(run_parallel(&plan, threads) == one, "{threads} threads differ from one");
    }
    assert!(simulate::monte_carlo(&s) == one, "the sliced job differs from run_parallel");
    assert_eq!(one.runs(), s.simulation.runs as usize);
}

#[test]
fn chunks_merged_in_any_order_give_the_same_result() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let mut scratch = Scratch::default();
    let chunks: Vec<McChunk> = (0..plan.chunk_count()).map(|i| plan.run_chunk(i, &mut scratch)).collect();
    let mut in_order = plan.merger();
    for c in chunks.iter().cloned() {
        in_order.add(c).expect("fits");
    }
    let mut shuffled = plan.merger();
    for i in [2, 0, 3, 1] {
        shuffled.add(chunks[i].clone()).expect("fits");
        assert!(shuffled.done_runs() <= s.simulation.runs as usize);
    }
    assert!(shuffled.is_done());
    let (a, b) = (in_order.finish(), shuffled.finish());
    assert!(a == b, "merge order changed the result");
    assert!(a == MonteCarlo::with_rows(&s, SampleRows::Total).finish());
}

#[test]
fn a_snapshot_holds_the_runs_in_so_far_and_at_the_end_is_the_result() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let mut scratch = Scratch::default();
    let mut merge = plan.merger();
    merge.add(plan.run_chunk(0, &mut scratch)).expect("fits");
    merge.add(plan.run_chunk(2, &mut scratch)).expect("fits"); // waits for chunk 1
    let early = merge.snapshot();
    assert_eq!(early.runs(), CHUNK_RUNS, "only the runs in order so far");
    // The same as a plan of just those runs.
    let mut first = s.clone();
    first.simulation.runs = CHUNK_RUNS as u32;
    assert!(early == MonteCarlo::with_rows(&first, SampleRows::Total).finish(), "a snapshot is the first runs' result");
    for i in (1..plan.chunk_count()).filter(|i| *i != 2) {
        merge.add(plan.run_chunk(i, &mut scratch)).expect("fits");
    }
    assert!(merge.is_done());
    let last = merge.snapshot();
    assert!(last == merge.finish(), "at the end a snapshot is the result");
}

#[test]
fn a_chunk_waiting_for_an_earlier_one_is_not_counted_yet() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let mut merge = plan.merger();
    merge.add(plan.run_chunk(1, &mut Scratch::default())).expect("fits");
    assert_eq!(merge.done_runs(), 0);
    merge.add(plan.run_chunk(0, &mut Scratch::default())).expect("fits");
    assert_eq!(merge.done_runs(), 2 * CHUNK_RUNS);
}

#[test]
fn duplicate_and_foreign_chunks_are_refused() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let chunk = plan.run_chunk(0, &mut Scratch::default());
    let mut merge = plan.merger();
    merge.add(chunk.clone()).expect("fits");
    assert_eq!(merge.add(chunk), Err(ChunkError::Duplicate(0)));
    let mut other = s.clone();
    other.weeks = 10;
    let foreign = McPlan::new(&other, SampleRows::Total).run_chunk(1, &mut Scratch::default());
    assert_eq!(merge.add(foreign), Err(ChunkError::Mismatch(1)));
}

#[test]
fn chunks_round_trip_through_bytes_and_bad_bytes_are_errors() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let chunk = plan.run_chunk(3, &mut Scratch::default());
    assert_eq!(chunk.runs, 7);
    let bytes = chunk.to_bytes();
    // Compared as bytes: KPI rows hold NaN (none), which is not equal to itself.
    let back = McChunk::from_bytes(&bytes).expect("a chunk");
    assert!(back.to_bytes() == bytes && back.index == 3 && back.runs == 7, "round trip changed the chunk");
    for cut in [0, 3, 4, 20, bytes.len() - 1] {
        assert!(McChunk::from_bytes(&bytes[..cut]).is_err(), "accepted {cut} bytes");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(McChunk::from_bytes(&longer).is_err());
    let mut wrong = bytes;
    wrong[0] = b'X';
    assert!(McChunk::from_bytes(&wrong).is_err());
    // A header claiming huge arrays must not allocate or panic.
    let mut huge = b"FLC1".to_vec();
    for _ in 0..5 {
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
    }
    assert!(McChunk::from_bytes(&huge).is_err());
}

#[test]
fn total_only_samples_band_the_total_and_flatten_the_sources() {
    let s = scenario();
    let all = run_parallel(&McPlan::new(&s, SampleRows::All), 2);
    let total = run_parallel(&McPlan::new(&s, SampleRows::Total), 2);
    let t = all.sources();
    for week in [0, 9, 19] {
        for m in [Metric::Leads, Metric::Revenue, Metric::Customers] {
            assert_eq!(all.weekly(week, t, m), total.weekly(week, t, m));
            let by_source = total.weekly(week, 0, m);
            assert_eq!((by_source.p10, by_source.p90), (by_source.mean, by_source.mean));
        }
        // The block summaries agree with cell-by-cell ones.
        let block = all.week_summaries(week);
        for row in 0..=t {
            for m in Metric::ALL {
                assert_eq!(block[row * Metric::COUNT + m.index()], all.weekly(week, row, m));
            }
        }
    }
    assert_eq!(all.kpi(Kpi::NewCustomers), total.kpi(Kpi::NewCustomers));
}

#[test]
fn a_worker_runner_gives_the_chunks_the_page_would_compute() {
    let s = scenario();
    let plan = McPlan::new(&s, SampleRows::Total);
    let json = s.to_json();
    let mut runner = ChunkRunner::default();
    let mut merge = plan.merger();
    for i in (0..plan.chunk_count()).rev() {
        let bytes = runner.run(7, &json, SampleRows::Total, i).expect("runs");
        merge.add(McChunk::from_bytes(&bytes).expect("decodes")).expect("fits");
    }
    assert!(merge.finish() == MonteCarlo::with_rows(&s, SampleRows::Total).finish());
    let past = runner.run(7, &json, SampleRows::Total, plan.chunk_count()).expect_err("past the end");
    assert!(past.contains("past the last chunk"), "{past}");
    let bad = runner.run(8, "{\"version\": 2}", SampleRows::Total, 0).expect_err("invalid");
    assert!(bad.contains("invalid"), "{bad}");
    // A new job with another shape reuses the runner's scratch space safely.
    let default = funnel_engine::Scenario::default();
    let bytes = runner.run(9, &default.to_json(), SampleRows::All, 0).expect("runs");
    let expected = McPlan::new(&default, SampleRows::All).run_chunk(0, &mut Scratch::default());
    assert!(bytes == expected.to_bytes(), "a reused runner changed the numbers");
}
