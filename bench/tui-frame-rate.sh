#!/usr/bin/env bash
# Frames per second of the terminal UI over a whole run at the default speed, measured
# where a person sees it: the real app under tmux, tulip-mania from tick 0 to the end,
# then q. Prints the app's own summary (mean and minimum fps over each second while the
# simulation advanced) and the machine's load.
#
#   bench/tui-frame-rate.sh                # 100x30, tulip-mania
#   bench/tui-frame-rate.sh 80 24 calm     # another size or scenario
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo 'tui-frame-rate: needs tmux' >&2; exit 1; }
cols="${1:-100}"; rows="${2:-30}"; scenario="${3:-tulip-mania}"
session="tulip-fps-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
# The app's output must stay a terminal (a pipe would make it run headless); its summary
# is read from the pane after it quits.
tmux new-session -d -s "$session" -x "$cols" -y "$rows" "node bin/tulip.js tui $scenario; sleep 600"
uptime
deadline=$((SECONDS + 600))
until tmux capture-pane -p -t "$session" | grep -q '■ done'; do
  ((SECONDS < deadline)) || { echo 'tui-frame-rate: the run did not finish in 600 s' >&2; exit 1; }
  sleep 1
done
tmux send-keys -t "$session" q
until tmux capture-pane -p -t "$session" | grep -q 'while simulating'; do sleep 0.5; done
uptime
echo "tulip tui $scenario at ${cols}x${rows}, default speed:"
tmux capture-pane -pJ -t "$session" | grep "while simulating"
