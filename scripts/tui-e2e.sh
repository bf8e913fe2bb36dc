#!/usr/bin/env bash
# End-to-end test of the terminal UI: starts the real app under tmux at 100x30, sends
# keys, captures the pane and checks what a person would see: the panels, the price line
# moving, the bug switching on at tick 250, a key press appearing in the event log, the
# counterfactual line, a rollback, `q` and Ctrl-C quitting with the terminal restored,
# and the saved trace replaying to the same hash. At 80x24, keys sent in one burst
# (tab then s, `]]]]`, `[[[`) are each applied, in order.
#
#   scripts/tui-e2e.sh                 # run the checks
#   scripts/tui-e2e.sh --save-screen   # also write the paused screen to docs/tui-screen.txt
#
# Needs tmux (CI has it). Exits 1 naming the failed check and printing the screen.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  echo "tui-e2e: FAIL: tmux is not installed (apt-get install tmux); this test cannot run without it" >&2
  exit 1
fi

save_screen=0
[[ "${1:-}" == "--save-screen" ]] && save_screen=1

session="tulip-e2e-$$"
work="$(mktemp -d)"
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux kill-session -t "$session-c" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$1"; }
fail() {
  echo "tui-e2e: FAIL: $2" >&2
  echo "---- screen of $1 ----" >&2
  screen "$1" >&2 || true
  exit 1
}
ok() { echo "tui-e2e: ok   $1"; }
# wait_for SESSION REGEX SECONDS WHAT
wait_for() {
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    if screen "$1" | grep -Eq -- "$2"; then return 0; fi
    sleep 0.2
  done
  fail "$1" "timed out after $3 s waiting for $4 (/$2/)"
}
# The tick in the status bar. A capture can catch ink between erasing and redrawing the
# screen, so read until a status bar is there.
tick_of() {
  local tick=''
  for _ in $(seq 1 50); do
    tick="$(screen "$1" | grep -Eo 'tick [0-9]+/[0-9]+' | head -1 | sed -E 's/tick ([0-9]+)\/.*/\1/' || true)"
    [[ -n "$tick" ]] && break
    sleep 0.1
  done
  [[ -n "$tick" ]] || fail "$1" 'no status bar with the tick on screen'
  echo "$tick"
}
chart_of() { screen "$1" | grep '┤' || true; }

# The app runs inside a shell that reports its exit status and stays open to be read.
# start SESSION OPTIONS [COLUMNS ROWS]
start() {
  tmux new-session -d -s "$1" -x "${3:-100}" -y "${4:-30}" "node bin/tulip.js tui tulip-mania $2; echo \"tulip exited with status \$?\"; sleep 600"
}

# ---- a run with interventions ---------------------------------------------------------
start "$session" "--speed 100 --out $work/run"
wait_for "$session" 'tick [0-9]+/600' 180 'the dashboard'
for panel in 'Tulip mania' 'X price vs fundamental value' 'pos(sh)' 'order/tick' 'expects' 'tick  0' 'Events' 'Monitors' 'Model A values stock X' 'seed 1'; do
  screen "$session" | grep -Fq -- "$panel" || fail "$session" "panel text missing: $panel"
done
ok 'dashboard shows chart, models, events, monitors, lesson and status bar'

t1="$(tick_of "$session")"; c1="$(chart_of "$session")"
sleep 1.5
t2="$(tick_of "$session")"; c2="$(chart_of "$session")"
((t2 > t1)) || fail "$session" "the tick did not advance ($t1 -> $t2)"
[[ "$c1" != "$c2" ]] || fail "$session" 'the price chart did not change while running'
ok "price line moves while running (tick $t1 -> $t2)"

wait_for "$session" 't250 A: bug switched on' 90 'the scheduled bug to appear in the event log'
ok 'the bug switching on at tick 250 appears in the event log'

tmux send-keys -t "$session" c
wait_for "$session" '\+ no bug' 90 'the counterfactual legend'
ok 'c shows the counterfactual line'

wait_for "$session" 'tick (3[0-9][0-9]|4[0-9][0-9])/600' 90 'tick 300'
if ((save_screen)); then
  wait_for "$session" '\+ no bug +[0-9A-Za-z]|\+ no bug *$' 90 'the counterfactual to catch up'
  sleep 1.2 # a fresh stats sample for the status bar
  screen "$session" > docs/tui-screen.txt
  ok 'saved the running screen to docs/tui-screen.txt'
fi
tmux send-keys -t "$session" b
wait_for "$session" 't[0-9]+ A: bug forced off' 90 'the bug toggle in the event log'
ok 'b appears in the event log at its tick'

tmux send-keys -t "$session" Space
# The status bar (drawn from the simulation's side) says paused once the pause has reached it.
wait_for "$session" '‖ paused' 90 'the pause'
paused_at="$(tick_of "$session")"
sleep 0.6
[[ "$(tick_of "$session")" == "$paused_at" ]] || fail "$session" 'the tick moved while paused'
ok "space pauses (at tick $paused_at)"

# A is trained once (one version); B retrains every 10 ticks, so B has versions to roll back.
tmux send-keys -t "$session" Tab r
tmux send-keys -t "$session" n
wait_for "$session" 'B: rolled back to v[0-9]+' 90 'the rollback in the event log'
ok 'Tab, r then n rolls B back, shown in the event log'

tmux send-keys -t "$session" q
wait_for "$session" 'tulip exited with status 0' 60 'q to quit with status 0'
screen "$session" | grep -Fq 'stopped at tick' || fail "$session" 'the summary after quitting is missing'
screen "$session" | grep -Fq '│ ? help' && fail "$session" 'the dashboard is still on screen after quitting (alternate screen not left)'
ok 'q quits with status 0 and the terminal is restored'

replay="$(node bin/tulip.js run tulip-mania --replay "$work/run/trace.jsonl" 2>&1 >/dev/null)" || { echo "$replay" >&2; echo 'tui-e2e: FAIL: replay exited non-zero' >&2; exit 1; }
grep -Eq '[1-9][0-9]* intervention\(s\) re-applied; trace hash matches' <<<"$replay" || { echo "$replay" >&2; echo 'tui-e2e: FAIL: the replay did not reach the recorded hash' >&2; exit 1; }
ok 'the saved trace replays to the same hash (tulip run --replay)'

# ---- keys in bursts, at 80x24; then Ctrl-C -------------------------------------------------
start "$session-c" '--paused' 80 24
wait_for "$session-c" 'tick 0/600' 180 'the dashboard (paused)'
screen "$session-c" | grep -Fq 'armed (from t250)' || fail "$session-c" "A's bug does not read armed before it starts"
tmux send-keys -t "$session-c" Tab s
wait_for "$session-c" 'B: training static' 60 'tab then s, sent together, to switch B (not A)'
screen "$session-c" | grep -Eq '▸ B' || fail "$session-c" 'the selection did not move to B'
ok 'tab then s in one burst switches B'
tmux send-keys -t "$session-c" ']]]]'
wait_for "$session-c" 'tick 100/600' 120 ']]]] to run forward four snapshots'
tmux send-keys -t "$session-c" '[[['
wait_for "$session-c" 'tick 25/600' 60 '[[[ to rewind three snapshots'
ok ']]]] goes four snapshots on, [[[ three back'
tmux send-keys -t "$session-c" m
tmux send-keys -t "$session-c" l
wait_for "$session-c" '\(l: less\)' 60 'l to expand the lesson'
ok 'l expands the lesson'
tmux send-keys -t "$session-c" C-c
wait_for "$session-c" 'tulip exited with status 0' 60 'Ctrl-C to quit with status 0'
ok 'Ctrl-C quits with status 0'

echo 'tui-e2e: all checks passed'
