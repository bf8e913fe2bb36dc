#!/bin/bash
# A sweep as a Slurm job array: each array task runs one shard of the same sweep
# (--shard-from-env reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
# SLURM_ARRAY_TASK_COUNT) into its own folder; `tulip merge` then joins the folders.
# test/cluster/slurm-array.e2e.test.ts submits this very file to a real single-node Slurm.
#
#   sbatch --array=0-3 docs/examples/slurm-sweep.sh
#
# TULIP is the tulip command (default `npx tulip`, run in the job's working directory);
# RESULTS is where the shard folders go (default `results`): RESULTS/0 ... RESULTS/3.
#SBATCH --job-name=tulip-sweep
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --requeue
set -euo pipefail
# shellcheck disable=SC2086 # TULIP may be a command and its arguments, e.g. "node /opt/tulip/bin/tulip.js"
${TULIP:-npx tulip} sweep tulip-mania --seeds 1..400 --shard-from-env \
  --workers "$SLURM_CPUS_PER_TASK" --out "${RESULTS:-results}/$SLURM_ARRAY_TASK_ID"
